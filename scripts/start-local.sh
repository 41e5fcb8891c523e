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
trap 'stop_example_prometheus; stop_sandbox' EXIT
start_example_prometheus "$ROOT/.data/logs/prometheus.log"

# Dummy AWS credentials: the EKS clusters' `aws` auth signs its token locally
# with them and the Kubernetes stand-in only checks the token's shape. Real
# credentials from the environment are never sent to the stand-ins.
export AWS_ACCESS_KEY_ID=AKIASANDBOXLOCAL0000
export AWS_SECRET_ACCESS_KEY=sandbox-not-a-secret
export AWS_REGION=ap-northeast-2
unset AWS_SESSION_TOKEN AWS_PROFILE

echo "Portal starting: http://localhost:3000 (backend http://localhost:7007)."
echo "Data is kept in .data/ (./portal reset-data deletes it)."
yarn start "$@"
