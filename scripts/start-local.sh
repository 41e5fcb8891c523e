#!/usr/bin/env bash
# Starts the portal locally: the stand-ins for outside systems, then the
# backend (:7007) and the frontend dev server (:3000). Data lives in .data/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

mkdir -p "$ROOT/.data/sqlite" "$ROOT/.data/logs"
# The IaC repository environments are committed to (app-config.yaml platform.iac).
"$ROOT/scripts/create-iac-repo.sh" "$ROOT/.data/iac.git"

start_sandbox "$ROOT/.data/logs/sandbox.log"
trap stop_sandbox EXIT

echo "Portal starting: http://localhost:3000 (backend http://localhost:7007)."
echo "Data is kept in .data/ (./portal reset-data deletes it)."
yarn start "$@"
