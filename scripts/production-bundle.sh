#!/usr/bin/env bash
# The image's build steps without Docker (these machines have no Docker engine):
# build the backend bundle, unpack it into a fresh directory, install production
# dependencies only, start it on the production config against PostgreSQL, and
# check that it becomes ready and has no development-only sign-in.
#
#   scripts/production-bundle.sh [target-dir]
# Environment: POSTGRES_HOST/PORT/USER/PASSWORD (default: this machine's server).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
# shellcheck source=scripts/toolchain.sh
source "$ROOT/scripts/toolchain.sh"
# Native addons in the production install build against the right Node headers.
ensure_toolchain

TARGET="${1:-$(mktemp -d /tmp/portal-bundle.XXXXXX)}"

log "building the frontend and the backend bundle (yarn build:backend)"
yarn build:backend >"$TARGET.build.log" 2>&1 || {
  tail -n 40 "$TARGET.build.log" >&2
  exit 1
}

log "unpacking skeleton and bundle into $TARGET"
rm -rf "$TARGET" && mkdir -p "$TARGET"
cp -r .yarn .yarnrc.yml backstage.json yarn.lock package.json "$TARGET/"
tar xzf packages/backend/dist/skeleton.tar.gz -C "$TARGET"
log "installing production dependencies only (yarn workspaces focus --all --production)"
(cd "$TARGET" && yarn workspaces focus --all --production >"$TARGET.install.log" 2>&1) || {
  tail -n 40 "$TARGET.install.log" >&2
  exit 1
}
tar xzf packages/backend/dist/bundle.tar.gz -C "$TARGET"
cp app-config.yaml app-config.production.yaml catalog-info.yaml "$TARGET/"
cp -r catalog "$TARGET/"
echo "$TARGET"
