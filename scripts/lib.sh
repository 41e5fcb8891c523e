# shellcheck shell=bash
# Helpers shared by start-local.sh and test-all.sh.

SANDBOX_PORT_BASE="${SANDBOX_PORT_BASE:-7010}"
SANDBOX_PID=""

log() { printf '\033[1;34m[portal]\033[0m %s\n' "$*" >&2; }

# wait_for_url URL SECONDS: polls until the URL answers 2xx.
wait_for_url() {
  local url="$1" seconds="$2" i
  for ((i = 0; i < seconds * 4; i++)); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.25
  done
  return 1
}

start_sandbox() {
  local logfile="$1"
  if curl -fsS -o /dev/null "http://localhost:$SANDBOX_PORT_BASE/healthz" 2>/dev/null; then
    log "stand-ins already running on :$SANDBOX_PORT_BASE"
    return 0
  fi
  log "starting local stand-ins (packages/sandbox), log in ${logfile#"$ROOT"/}"
  SANDBOX_PORT_BASE="$SANDBOX_PORT_BASE" node "$ROOT/packages/sandbox/src/main.ts" >"$logfile" 2>&1 &
  SANDBOX_PID=$!
  if ! wait_for_url "http://localhost:$SANDBOX_PORT_BASE/healthz" 30; then
    echo "The stand-ins did not start; last lines of $logfile:" >&2
    tail -n 20 "$logfile" >&2
    exit 1
  fi
}

stop_sandbox() {
  if [ -n "$SANDBOX_PID" ]; then
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
    SANDBOX_PID=""
  fi
}
