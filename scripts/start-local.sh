#!/usr/bin/env bash
# Starts the portal locally: the stand-ins for outside systems, then the
# backend (:7007) and the frontend dev server (:3000). Data lives in .data/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

mkdir -p "$ROOT/.data/sqlite" "$ROOT/.data/logs"

start_sandbox "$ROOT/.data/logs/sandbox.log"
trap 'stop_example_prometheus; stop_sandbox' EXIT
start_example_prometheus "$ROOT/.data/logs/prometheus.log"

echo "Portal starting: http://localhost:3000 (backend http://localhost:7007)."
echo "Data is kept in .data/ (./portal reset-data deletes it)."
yarn start "$@"
