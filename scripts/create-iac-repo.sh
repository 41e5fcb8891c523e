#!/usr/bin/env bash
# Creates the local IaC repository the portal commits environments to: a bare
# Git repository whose main branch holds infra/ and an empty environments/.
# Usage: scripts/create-iac-repo.sh DIR   (does nothing when DIR exists)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: create-iac-repo.sh DIR}"
if [ -d "$target" ]; then
  exit 0
fi
git init --quiet --bare --initial-branch=main "$target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$work" init --quiet --initial-branch=main
if [ -d "$ROOT/infra" ]; then
  cp -R "$ROOT/infra" "$work/infra"
fi
mkdir -p "$work/environments"
printf '# Environments created from the portal, one directory each.\n' >"$work/environments/README.md"
git -C "$work" add --all
git -C "$work" -c user.name="EKS Developer Portal" -c user.email=portal@acme.example \
  commit --quiet -m "IaC repository for the local portal"
git -C "$work" push --quiet "$target" main
