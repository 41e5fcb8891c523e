#!/usr/bin/env bash
# `./portal test [step|path ...]`. With no argument, every check, in the
# order a failure is cheapest to find: release check, repository scripts,
# type check, lint, format, unused exports, API reports, unit tests, browser
# tests (what CI runs). A step name (release, scripts, tsc, lint, format,
# exports, api, unit, e2e) runs only that step;
# a path runs the unit tests under it, or that browser test when it is under
# packages/app/e2e-tests (scripts/test-plan.mjs). Prints one closing line:
# "checks: N passed, N failed, N skipped" when a test runner ran.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
# shellcheck source=scripts/services.sh
source "$ROOT/scripts/services.sh"
set -e

# One line a step: "<step>[ <path> ...]".
plan="$(node "$ROOT/scripts/test-plan.mjs" "$@")"
declare -A paths=()
steps=()
while read -r name rest; do
  steps+=("$name")
  paths[$name]="$rest"
done <<<"$plan"
has() { [[ " ${steps[*]} " == *" $1 "* ]]; }

# Only the runners need services; release, tsc, lint and format need none.
if has scripts || has unit || has e2e; then
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
fi
export CI="${CI:-true}"

RESULTS="$ROOT/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
if has e2e; then
  rm -rf "$ROOT/e2e-screenshots"
  mkdir -p "$ROOT/e2e-screenshots"
fi

step() { log "== $* =="; }
# The reports the closing line adds up: one per runner that ran.
reports=()
status=0

if has release; then
  step "one Backstage release"
  yarn check:release
fi

if has scripts; then
  step "repository scripts and infrastructure (node --test)"
  reports+=(scripts.txt)
  # The production bundle test builds the app and the backend into the
  # packages' dist/ folders (the app's dist/.config-schema.json among them),
  # which the config schema readers of the other tests read: it runs after
  # them, not beside them.
  mapfile -t script_tests < <(find scripts infra/tests -name '*.test.mjs' ! -name production-bundle.test.mjs | sort)
  node --test "${script_tests[@]}" 2>&1 | tee "$RESULTS/scripts.txt" || status=1
  node --test infra/tests/production-bundle.test.mjs 2>&1 | tee -a "$RESULTS/scripts.txt" || status=1
fi

if has tsc; then
  step "type check"
  yarn tsc
fi

if has lint; then
  step "lint"
  yarn lint
fi

if has format; then
  step "format (prettier --check)"
  yarn prettier:check
fi

if has exports; then
  step "unused exports (knip)"
  yarn exports:check
fi

if has api; then
  step "API reports of the -common and -node packages (api-extractor)"
  # The reports are read from the type check's declarations (dist-types).
  has tsc || yarn tsc
  yarn api-reports:check || {
    echo "An API report changed: run 'yarn tsc && yarn api-reports' and commit the report.api.md files" >&2
    exit 1
  }
fi

if has unit; then
  # shellcheck disable=SC2206 # paths are repository paths without spaces (test-plan.mjs checks they exist)
  unit_paths=(${paths[unit]})
  # Jest takes a path as a pattern: a folder ends in / so that
  # plugins/alerts-backend does not also run plugins/alerts-backend-module-argocd.
  for i in "${!unit_paths[@]}"; do
    [ -d "${unit_paths[$i]}" ] && unit_paths[i]="${unit_paths[$i]}/"
  done
  step "unit tests${unit_paths[*]:+ in ${unit_paths[*]}}"
  reports+=(unit.json)
  yarn test --json --outputFile="$RESULTS/unit.json" "${unit_paths[@]}" || status=1
fi

if has e2e; then
  # shellcheck disable=SC2206
  e2e_paths=(${paths[e2e]})
  step "browser tests${e2e_paths[*]:+ in ${e2e_paths[*]}}"
  reports+=(e2e.json)
  yarn workspace app build >"$RESULTS/app-build.log" 2>&1 || {
    tail -n 40 "$RESULTS/app-build.log" >&2
    echo "frontend build failed" >&2
    exit 1
  }
  PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e.json" \
    yarn playwright test --reporter=list,json "${e2e_paths[@]}" || status=1
fi

if [ "${#reports[@]}" -gt 0 ]; then
  node "$ROOT/scripts/summarize-tests.mjs" "$RESULTS" "${reports[@]}" || status=1
else
  log "passed: ${steps[*]}"
fi
if has e2e; then
  log "screenshots for people to look at: e2e-screenshots/"
fi
exit "$status"
