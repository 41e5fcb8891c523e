#!/usr/bin/env bash
# Posts a Jenkins build result to the portal's alerts webhook, signed with the
# shared secret, so the owners of the job's component get it in the portal,
# Slack and KakaoTalk.
#
#   notify-portal.sh RESULT [LOG_FILE]
#
# Environment:
#   PORTAL_URL              e.g. https://portal.example.com (required)
#   PORTAL_WEBHOOK_SECRET   the shared secret (Jenkins credential
#                           `portal-webhook-secret`; required)
#   JOB_NAME BUILD_NUMBER BUILD_URL   set by Jenkins
#   PORTAL_ENTITY_REF       optional, e.g. component:default/shop-backend
#                           (else the portal finds the component whose
#                           jenkins.io/job-full-name annotation is JOB_NAME)
#
# Signature: X-Portal-Signature: sha256=HEX(HMAC-SHA256(secret,
#   "{timestamp}.{delivery id}.{body}")), with X-Portal-Timestamp (unix
#   seconds) and X-Portal-Delivery (unique per post). The portal refuses
#   unsigned, stale (> 5 min) and repeated posts.
#
# It never fails the build: a portal that cannot be reached is logged only.
#
# In a Jenkinsfile:
#   post {
#     always {
#       withCredentials([string(credentialsId: 'portal-webhook-secret', variable: 'PORTAL_WEBHOOK_SECRET')]) {
#         sh 'infra/jenkins/notify-portal.sh "${currentBuild.currentResult}" build.log'
#       }
#     }
#   }
set -uo pipefail

result="${1:?usage: notify-portal.sh RESULT [LOG_FILE]}"
log_file="${2:-}"
: "${PORTAL_URL:?PORTAL_URL is not set}"
: "${PORTAL_WEBHOOK_SECRET:?PORTAL_WEBHOOK_SECRET is not set}"
: "${JOB_NAME:?JOB_NAME is not set (run inside Jenkins)}"
: "${BUILD_NUMBER:?BUILD_NUMBER is not set (run inside Jenkins)}"

# JSON string escaping without jq (not on every agent).
json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\n'/\\n}"
  s="${s//$'\r'/}"
  s="${s//$'\t'/\\t}"
  printf '"%s"' "$s"
}

log_tail=""
if [ -n "$log_file" ] && [ -r "$log_file" ]; then
  log_tail="$(tail -n 20 "$log_file" | tr -d '\000-\010\013\014\016-\037')"
fi

body="{\"job\":$(json_string "$JOB_NAME"),\"build\":$BUILD_NUMBER,\"result\":$(json_string "$result")"
if [ -n "${BUILD_URL:-}" ]; then
  body+=",\"url\":$(json_string "$BUILD_URL")"
fi
if [ -n "${PORTAL_ENTITY_REF:-}" ]; then
  body+=",\"entityRef\":$(json_string "$PORTAL_ENTITY_REF")"
fi
if [ -n "$log_tail" ]; then
  body+=",\"logTail\":$(json_string "$log_tail")"
fi
body+="}"

timestamp="$(date +%s)"
delivery="jenkins-${JOB_NAME//[^A-Za-z0-9._-]/-}-${BUILD_NUMBER}-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
signature="sha256=$(printf '%s' "${timestamp}.${delivery}.${body}" |
  openssl dgst -sha256 -hmac "$PORTAL_WEBHOOK_SECRET" -r | cut -d' ' -f1)"

status="$(curl -sS -o /tmp/notify-portal.$$ -w '%{http_code}' --max-time 20 \
  --retry 3 --retry-delay 2 \
  -X POST "${PORTAL_URL%/}/api/alerts/webhooks/jenkins" \
  -H 'Content-Type: application/json' \
  -H "X-Portal-Timestamp: ${timestamp}" \
  -H "X-Portal-Delivery: ${delivery}" \
  -H "X-Portal-Signature: ${signature}" \
  --data-binary "$body")" || status="unreachable"
answer="$(cat /tmp/notify-portal.$$ 2>/dev/null)"
rm -f /tmp/notify-portal.$$

case "$status" in
  2??) echo "notify-portal: sent ${JOB_NAME} #${BUILD_NUMBER} ${result}: ${answer}" ;;
  *) echo "notify-portal: portal answered ${status}: ${answer} (the build goes on)" >&2 ;;
esac
exit 0
