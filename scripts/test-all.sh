#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find:
# release check, type check, lint, unit tests, browser tests.
# Prints one closing line: "checks: N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
# shellcheck source=scripts/services.sh
source "$ROOT/scripts/services.sh"
set -e

ensure_mariadb
ensure_postgres
ensure_chromium
ensure_infra_tools
ensure_prometheus
# Plugin tests run on this server as well as on SQLite (TestDatabases id MYSQL_8).
if [ -z "${BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING:-}" ]; then
  BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING="$(mariadb_test_connection_string)"
fi
export BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING
export CI="${CI:-true}"

RESULTS="$ROOT/test-results"
rm -rf "$RESULTS" "$ROOT/e2e-screenshots"
mkdir -p "$RESULTS" "$ROOT/e2e-screenshots"

step() { log "== $* =="; }

step "one Backstage release"
yarn check:release

step "repository scripts and infrastructure (node --test)"
scripts_status=0
node --test "scripts/**/*.test.mjs" "infra/tests/**/*.test.mjs" 2>&1 | tee "$RESULTS/scripts.txt" || scripts_status=$?

step "type check"
yarn tsc

step "lint"
yarn lint

step "unit tests"
unit_status=0
yarn test --json --outputFile="$RESULTS/unit.json" || unit_status=$?

step "browser tests"
e2e_status=0
yarn workspace app build >"$RESULTS/app-build.log" 2>&1 || {
  tail -n 40 "$RESULTS/app-build.log" >&2
  echo "frontend build failed" >&2
  exit 1
}
PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e.json" \
  yarn playwright test --reporter=list,json || e2e_status=$?

node "$ROOT/scripts/summarize-tests.mjs" "$RESULTS"
log "screenshots for people to look at: e2e-screenshots/"
[ "$scripts_status" -eq 0 ] && [ "$unit_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
