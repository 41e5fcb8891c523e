#!/usr/bin/env bash
# Runs the whole test command once per faked calendar date (Debian's faketime),
# so a suite that only passes on the day it was written is caught.
#   ./portal test-dates                       the default dates below
#   ./portal test-dates "2027-01-01 10:00:00" one or more dates of your own
# Prints one closing line per date and fails when any date fails.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# The 1st of a month after a 31-day month and New Year, the 1st after February,
# a leap day, and the last half hour of a 30-day month.
DEFAULT_DATES=(
  "2027-01-01 10:00:00"
  "2027-03-01 10:00:00"
  "2028-02-29 10:00:00"
  "2027-06-30 23:30:00"
)
dates=("$@")
[ ${#dates[@]} -eq 0 ] && dates=("${DEFAULT_DATES[@]}")

if ! command -v faketime >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's faketime package"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null 2>&1; }
  fi
  command -v faketime >/dev/null 2>&1 || { echo "faketime is not installed (apt-get install faketime)" >&2; exit 1; }
fi

status=0
summary=()
for d in "${dates[@]}"; do
  log "== ./portal test with the clock at $d (faketime) =="
  out="$ROOT/test-results-dates/$(echo "$d" | tr ' :' '__')"
  mkdir -p "$out"
  # One shared faked clock for every process of the run (see portal).
  faketime -f "@$d" "$ROOT/portal" test 2>&1 | tee "$out/run.log"
  rc=${PIPESTATUS[0]}
  line="$(grep -a '^checks:' "$out/run.log" | tail -n 1)"
  summary+=("$d  rc=$rc  ${line:-no closing line}")
  cp -r "$ROOT/e2e-screenshots" "$out/" 2>/dev/null || true
  [ "$rc" -eq 0 ] || status=1
done
printf '%s\n' "${summary[@]}"
exit "$status"
