#!/usr/bin/env bash
# Writes a new image tag into the service's manifests in the manifest
# repository, one environment after another, and pushes: Argo CD then
# deploys it (the manifest repository is the single source of truth).
#
#   bump-image-tag.sh TAG ENVIRONMENTS      e.g. bump-image-tag.sh 3f2a9c1 dev-a,prod
#
# Environment: SERVICE_NAME, IMAGE_REPOSITORY, MANIFEST_REPO_URL,
# MANIFEST_BRANCH (default main); GIT_USERNAME and GIT_PASSWORD for https
# remotes (Jenkins credentials), unused for other remotes.
set -euo pipefail

tag="${1:?usage: bump-image-tag.sh TAG ENVIRONMENTS}"
environments="${2:?usage: bump-image-tag.sh TAG ENVIRONMENTS}"
: "${SERVICE_NAME:?}" "${IMAGE_REPOSITORY:?}" "${MANIFEST_REPO_URL:?}"
branch="${MANIFEST_BRANCH:-main}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git_() {
  if [ -n "${GIT_PASSWORD:-}" ]; then
    # The credentials stay in the environment, never in a URL or on disk.
    git -c credential.helper= \
      -c 'credential.helper=!f() { echo "username=${GIT_USERNAME}"; echo "password=${GIT_PASSWORD}"; }; f' "$@"
  else
    git "$@"
  fi
}

for attempt in 1 2 3; do
  rm -rf "$work/repo"
  git_ clone -q --depth 1 --branch "$branch" "$MANIFEST_REPO_URL" "$work/repo"
  cd "$work/repo"
  IFS=',' read -r -a envs <<<"$environments"
  for env in "${envs[@]}"; do
    env="$(echo "$env" | tr -d '[:space:]')"
    [ -n "$env" ] || continue
    file="apps/${SERVICE_NAME}/${env}/deployment.yaml"
    [ -f "$file" ] || { echo "bump-image-tag: no $file in the manifest repository" >&2; exit 1; }
    sed -i -E "s#^( *image: )${IMAGE_REPOSITORY}:.*#\\1${IMAGE_REPOSITORY}:${tag}#" "$file"
    git add "$file"
  done
  if git diff --cached --quiet; then
    echo "bump-image-tag: ${SERVICE_NAME} already at ${tag}"
    exit 0
  fi
  git -c user.name="${GIT_AUTHOR_NAME:-Jenkins}" -c user.email="${GIT_AUTHOR_EMAIL:-jenkins@localhost}" \
    commit -q -m "${SERVICE_NAME}: image ${tag} (${environments})"
  if git_ push -q origin "HEAD:${branch}"; then
    echo "bump-image-tag: ${SERVICE_NAME} ${tag} -> ${environments}"
    exit 0
  fi
  echo "bump-image-tag: push rejected (attempt ${attempt}), retrying on the new head" >&2
  cd - >/dev/null
done
exit 1
