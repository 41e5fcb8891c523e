# shellcheck shell=bash
# Brings up the real services the tests use. On the project's machines they
# already run (MariaDB, PostgreSQL); on a fresh Debian machine they are
# installed from Debian's packages and started. Needs root for apt-get.

APT_UPDATED=""

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing $* and no apt-get to install it: install $* with your package manager." >&2
    exit 1
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "$APT_UPDATED" ]; then
    log "apt-get update"
    $sudo apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  log "installing $* from Debian's packages"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

tcp_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

ensure_mariadb() {
  if tcp_open 127.0.0.1 3306; then
    return 0
  fi
  if [ ! -x /usr/sbin/mariadbd ]; then
    apt_install mariadb-server
  fi
  log "starting MariaDB"
  mkdir -p /run/mysqld
  chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  local i
  for ((i = 0; i < 120; i++)); do
    tcp_open 127.0.0.1 3306 && break
    sleep 0.5
  done
  tcp_open 127.0.0.1 3306 || {
    echo "MariaDB did not come up on 127.0.0.1:3306" >&2
    exit 1
  }
  # A fresh Debian install authenticates root by unix socket only; the tests
  # connect over TCP as root with an empty password, as on the project's machines.
  mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(''); CREATE DATABASE IF NOT EXISTS test;" 2>/dev/null || true
}

# Backstage's TestDatabases refuses a MySQL connection string without a
# password (backend-test-utils: "Missing username/password"), so the tests get
# their own MariaDB user, one per checkout, with a password made up on first
# use and kept in .data/ (ignored by Git): nothing secret is in Git, and
# concurrent runs in one checkout agree on it. Prints the connection string for
# BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING.
mariadb_test_connection_string() {
  local root="${ROOT:-$PWD}" user password file
  user="backstage_test_$(printf '%s' "$root" | md5sum | cut -c1-8)"
  file="$root/.data/mariadb-test-password"
  if [ -s "$file" ]; then
    password="$(cat "$file")"
  else
    mkdir -p "$root/.data"
    password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    (umask 077 && printf '%s' "$password" >"$file")
  fi
  local host
  for host in '%' 'localhost'; do
    mariadb -h127.0.0.1 -uroot -e "CREATE USER IF NOT EXISTS '$user'@'$host' IDENTIFIED BY '$password'; ALTER USER '$user'@'$host' IDENTIFIED BY '$password'; GRANT ALL PRIVILEGES ON *.* TO '$user'@'$host' WITH GRANT OPTION;" >&2 || {
      echo "Could not create the MariaDB test user" >&2
      return 1
    }
  done
  echo "mysql://$user:$password@127.0.0.1:3306/test"
}

# Prometheus (Debian's package, with promtool): the cost and uptime tests
# backfill known data into it, and ./portal start runs it on example data.
ensure_prometheus() {
  if [ -x "${PROMETHEUS_BIN:-/usr/bin/prometheus}" ] && [ -x "${PROMTOOL_BIN:-/usr/bin/promtool}" ]; then
    return 0
  fi
  apt_install prometheus
  # Debian's package enables a service; the tests start their own servers.
  if command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
}

ensure_chromium() {
  ensure_korean_fonts
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
    return 0
  fi
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
}

# Korean text in the browser tests' pages and screenshots renders with
# Debian's Noto CJK fonts; without them Chromium draws boxes.
ensure_korean_fonts() {
  if dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed'; then
    return 0
  fi
  apt_install fonts-noto-cjk
}

ensure_postgres() {
  if tcp_open 127.0.0.1 5432; then
    return 0
  fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql
    # The tests connect over TCP as postgres without a password, as on the
    # project's machines: trust on loopback, for this freshly installed server only.
    local hba
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
      sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/' "$hba"
    done
  fi
  log "starting PostgreSQL"
  local version
  version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -V | tail -n 1)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  local i
  for ((i = 0; i < 60; i++)); do
    tcp_open 127.0.0.1 5432 && return 0
    sleep 0.5
  done
  echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2
  exit 1
}

# Tools the infrastructure checks use (infra/tests): Go with the YAML library
# for rendering Helm charts (no helm binary is packaged), shellcheck,
# ansible-core (ansible-playbook --syntax-check and a run with helm/kubectl
# shims) and yamllint.
ensure_infra_tools() {
  local missing=()
  command -v go >/dev/null 2>&1 || missing+=(golang-go)
  [ -d /usr/share/gocode/src/gopkg.in/yaml.v3 ] || missing+=(golang-gopkg-yaml.v3-dev)
  command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  command -v ansible-playbook >/dev/null 2>&1 || missing+=(ansible-core)
  command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}
