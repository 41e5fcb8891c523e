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

# Example Prometheus servers for Cost & Uptime (scripts/prometheus/example.mjs):
# dev-a, staging and prod on :7020-7022 with a week of generated data. Without
# Debian's prometheus package they are skipped (installed first when running
# as root, as the test command does) and the portal shows usage and uptime as
# unavailable. Backfilling a week of the clusters' kube-state-metrics and
# cAdvisor series takes about 35 s per server, so the wait allows 240 s.
PROMETHEUS_PORT="${PROMETHEUS_PORT:-7020}"
PROMETHEUS_PID=""

start_example_prometheus() {
  local logfile="$1"
  if [ ! -x /usr/bin/prometheus ] || [ ! -x /usr/bin/promtool ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "installing Debian's prometheus package for the example usage and uptime data"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1; } || true
    fi
  fi
  if [ ! -x /usr/bin/prometheus ] || [ ! -x /usr/bin/promtool ]; then
    log "Prometheus is not installed (apt-get install prometheus): Cost & Uptime shows usage and uptime as unavailable"
    return 0
  fi
  log "starting example Prometheus servers on :$PROMETHEUS_PORT-$((PROMETHEUS_PORT + 2)), log in ${logfile#"$ROOT"/}"
  node "$ROOT/scripts/prometheus/example.mjs" --port "$PROMETHEUS_PORT" --dir "$ROOT/.data/prometheus" >"$logfile" 2>&1 &
  PROMETHEUS_PID=$!
  if ! wait_for_url "http://localhost:$((PROMETHEUS_PORT + 2))/-/ready" 240; then
    log "example Prometheus did not start (see $logfile): usage and uptime will show as unavailable"
  fi
}

stop_example_prometheus() {
  if [ -n "$PROMETHEUS_PID" ]; then
    kill "$PROMETHEUS_PID" 2>/dev/null || true
    wait "$PROMETHEUS_PID" 2>/dev/null || true
    PROMETHEUS_PID=""
  fi
}
