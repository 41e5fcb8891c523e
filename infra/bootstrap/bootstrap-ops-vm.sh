#!/usr/bin/env bash
# Sets up the ops VM in the existing VPC: Jenkins (jobs from infra/jenkins as
# code), Keycloak (realm from infra/keycloak), and the CLIs the pipelines use:
# terraform, ansible, helm, kubectl, aws.
#
# Idempotent: every step checks what is there first, so running it again
# changes nothing. Supports Debian/Ubuntu (apt) and Amazon Linux 2023 (dnf).
#
#   sudo ./bootstrap-ops-vm.sh [--dry-run]
#
# Secrets (Keycloak admin password, Jenkins admin password) come from the
# environment or AWS Secrets Manager (--secrets-id), never from this repo.
set -euo pipefail

TERRAFORM_VERSION="${TERRAFORM_VERSION:-1.9.8}"
HELM_VERSION="${HELM_VERSION:-3.16.2}"
KUBECTL_VERSION="${KUBECTL_VERSION:-1.31.2}"
KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.4.2}"
PREFIX="${BOOTSTRAP_PREFIX:-}" # test harness: install under a scratch root
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DRY_RUN=0
SECRETS_ID=""
CHANGED=0

usage() {
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --secrets-id)
      SECRETS_ID="$2"
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "unknown option: $1" >&2
      usage >&2
      exit 2
      ;;
  esac
  shift
done

say() { printf '[bootstrap] %s\n' "$*"; }

# run CMD...: runs a changing command (or only prints it with --dry-run).
run() {
  CHANGED=1
  if [ "$DRY_RUN" -eq 1 ]; then
    say "would run: $*"
  else
    "$@"
  fi
}

detect_os() {
  if [ -r "${PREFIX}/etc/os-release" ]; then
    # shellcheck disable=SC1091
    . "${PREFIX}/etc/os-release"
  fi
  case "${ID:-}" in
    debian | ubuntu) PKG=apt ;;
    amzn) PKG=dnf ;;
    *)
      echo "unsupported OS '${ID:-unknown}': Debian, Ubuntu or Amazon Linux 2023" >&2
      exit 1
      ;;
  esac
}

have_package() {
  case "$PKG" in
    apt) dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" ;;
    dnf) rpm -q "$1" >/dev/null 2>&1 ;;
  esac
}

install_packages() {
  local missing=()
  local p
  for p in "$@"; do
    have_package "$p" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing packages: ${missing[*]}"
  case "$PKG" in
    apt)
      run apt-get update -qq
      run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
      ;;
    dnf) run dnf install -y -q "${missing[@]}" ;;
  esac
}

# install_binary NAME VERSION URL: a single static binary into /usr/local/bin,
# replaced only when the installed version differs.
install_binary() {
  local name="$1" version="$2" url="$3" target="${PREFIX}/usr/local/bin/$1"
  local stamp="${PREFIX}/usr/local/share/ops-vm/$name.version"
  if [ -x "$target" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
    return 0
  fi
  say "installing $name $version"
  local tmp
  tmp="$(mktemp -d)"
  run curl -fsSL -o "$tmp/download" "$url"
  case "$url" in
    *.zip) run unzip -q -o "$tmp/download" -d "$tmp" ;;
    *.tar.gz) run tar xzf "$tmp/download" -C "$tmp" ;;
    *) run mv "$tmp/download" "$tmp/$name" ;;
  esac
  run install -D -m 0755 "$(find "$tmp" -type f -name "$name" | head -n 1)" "$target"
  run install -D -m 0644 /dev/stdin "$stamp" <<<"$version"
  rm -rf "$tmp"
}

install_clis() {
  install_packages curl unzip git python3 ansible-core
  install_binary terraform "$TERRAFORM_VERSION" \
    "https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_linux_amd64.zip"
  install_binary helm "$HELM_VERSION" "https://get.helm.sh/helm-v${HELM_VERSION}-linux-amd64.tar.gz"
  install_binary kubectl "$KUBECTL_VERSION" \
    "https://dl.k8s.io/release/v${KUBECTL_VERSION}/bin/linux/amd64/kubectl"
  if [ ! -x "${PREFIX}/usr/local/bin/aws" ]; then
    say "installing AWS CLI v2"
    local tmp
    tmp="$(mktemp -d)"
    run curl -fsSL -o "$tmp/awscliv2.zip" "https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip"
    run unzip -q "$tmp/awscliv2.zip" -d "$tmp"
    run "$tmp/aws/install" --bin-dir "${PREFIX}/usr/local/bin" --install-dir "${PREFIX}/usr/local/aws-cli"
    rm -rf "$tmp"
  fi
}

read_secret() {
  # read_secret NAME: from the environment, else from AWS Secrets Manager.
  local name="$1"
  if [ -n "${!name:-}" ]; then
    printf '%s' "${!name}"
  elif [ -n "$SECRETS_ID" ]; then
    aws secretsmanager get-secret-value --secret-id "$SECRETS_ID" --query SecretString --output text |
      python3 -c "import json,sys; print(json.load(sys.stdin)['$name'], end='')"
  else
    echo "secret $name missing: set it in the environment or pass --secrets-id" >&2
    exit 1
  fi
}

install_jenkins() {
  if ! have_package jenkins; then
    case "$PKG" in
      apt)
        install_packages openjdk-17-jre-headless gnupg
        if [ ! -f "${PREFIX}/etc/apt/sources.list.d/jenkins.list" ]; then
          run curl -fsSL -o "${PREFIX}/usr/share/keyrings/jenkins-keyring.asc" \
            https://pkg.jenkins.io/debian-stable/jenkins.io-2023.key
          run install -D -m 0644 /dev/stdin "${PREFIX}/etc/apt/sources.list.d/jenkins.list" \
            <<<"deb [signed-by=/usr/share/keyrings/jenkins-keyring.asc] https://pkg.jenkins.io/debian-stable binary/"
        fi
        ;;
      dnf)
        install_packages java-17-amazon-corretto-headless
        if [ ! -f "${PREFIX}/etc/yum.repos.d/jenkins.repo" ]; then
          run curl -fsSL -o "${PREFIX}/etc/yum.repos.d/jenkins.repo" https://pkg.jenkins.io/redhat-stable/jenkins.repo
          run rpm --import https://pkg.jenkins.io/redhat-stable/jenkins.io-2023.key
        fi
        ;;
    esac
    install_packages jenkins
  fi
  # Jobs as code: Jenkins Configuration as Code reads casc.yaml, whose job-dsl
  # seed creates a pipeline job per Jenkinsfile in infra/jenkins.
  local casc="${PREFIX}/var/lib/jenkins/casc.yaml"
  local wanted
  wanted="$(render_casc)"
  if [ "$(cat "$casc" 2>/dev/null)" != "$wanted" ]; then
    say "writing Jenkins configuration as code"
    run install -D -m 0640 /dev/stdin "$casc" <<<"$wanted"
    run systemctl restart jenkins
  fi
  if ! systemctl is-enabled jenkins >/dev/null 2>&1; then
    run systemctl enable --now jenkins
  fi
}

render_casc() {
  local job
  echo "jenkins:"
  echo "  systemMessage: 'Ops VM Jenkins: jobs are managed from infra/jenkins, edits here are overwritten.'"
  echo "jobs:"
  for job in "$REPO_DIR"/infra/jenkins/*.Jenkinsfile; do
    [ -e "$job" ] || continue
    local name
    name="$(basename "$job" .Jenkinsfile)"
    echo "  - script: >"
    echo "      pipelineJob('$name') { definition { cpsScm { scm { git { remote { url(System.getenv('IAC_REPO_URL')) } branch('main') } } scriptPath('infra/jenkins/$name.Jenkinsfile') } } }"
  done
}

install_keycloak() {
  local home="${PREFIX}/opt/keycloak"
  if [ "$(cat "$home/VERSION" 2>/dev/null)" != "$KEYCLOAK_VERSION" ]; then
    say "installing Keycloak $KEYCLOAK_VERSION"
    install_packages openjdk-17-jre-headless
    local tmp
    tmp="$(mktemp -d)"
    run curl -fsSL -o "$tmp/keycloak.tar.gz" \
      "https://github.com/keycloak/keycloak/releases/download/${KEYCLOAK_VERSION}/keycloak-${KEYCLOAK_VERSION}.tar.gz"
    run mkdir -p "$home"
    run tar xzf "$tmp/keycloak.tar.gz" -C "$home" --strip-components=1
    run install -D -m 0644 /dev/stdin "$home/VERSION" <<<"$KEYCLOAK_VERSION"
    rm -rf "$tmp"
  fi
  # The realm from infra/keycloak, imported at start when it does not exist yet.
  local import_dir="$home/data/import"
  local realm
  for realm in "$REPO_DIR"/infra/keycloak/*realm*.json; do
    [ -e "$realm" ] || continue
    if ! cmp -s "$realm" "$import_dir/$(basename "$realm")"; then
      run install -D -m 0640 "$realm" "$import_dir/$(basename "$realm")"
    fi
  done
  local unit="${PREFIX}/etc/systemd/system/keycloak.service"
  local wanted
  wanted="$(
    cat <<UNIT
[Unit]
Description=Keycloak
After=network-online.target
[Service]
EnvironmentFile=/etc/keycloak.env
ExecStart=/opt/keycloak/bin/kc.sh start --optimized --import-realm --http-enabled=false --https-port=8443
Restart=on-failure
[Install]
WantedBy=multi-user.target
UNIT
  )"
  if [ "$(cat "$unit" 2>/dev/null)" != "$wanted" ]; then
    run install -D -m 0644 /dev/stdin "$unit" <<<"$wanted"
    run systemctl daemon-reload
  fi
  if [ ! -f "${PREFIX}/etc/keycloak.env" ]; then
    local password
    password="$(read_secret KEYCLOAK_ADMIN_PASSWORD)"
    run install -D -m 0600 /dev/stdin "${PREFIX}/etc/keycloak.env" \
      <<<"KC_BOOTSTRAP_ADMIN_USERNAME=admin
KC_BOOTSTRAP_ADMIN_PASSWORD=$password"
  fi
  if ! systemctl is-enabled keycloak >/dev/null 2>&1; then
    run systemctl enable --now keycloak
  fi
}

detect_os
install_clis
install_jenkins
install_keycloak
if [ "$CHANGED" -eq 0 ]; then
  say "nothing to change: the ops VM is set up"
else
  say "done"
fi
