#!/usr/bin/env bash
# Quick start: the portal on the embedded default.
#   SQLite under .data/sqlite, the cluster emulator (three demo clusters with
#   seeded tenants and history) on 127.0.0.1:6443-6445, the frontend on
#   http://localhost:3000 and the backend on http://localhost:7007.
# Sets up Node 22 and yarn 4 in .tools/ and installs dependencies when needed.
# Environment: FRACTAL_DEMO_USER (default user:default/ada, a member of payments).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/emulator.sh
fractal_ensure_toolchain
fractal_ensure_deps

export FRACTAL_EMULATOR_STATE_DIR="${FRACTAL_EMULATOR_STATE_DIR:-$FRACTAL_ROOT/.data/emulator}"
mkdir -p .data/sqlite
trap 'fractal_emulator_stop' EXIT INT TERM
fractal_emulator_start "$FRACTAL_EMULATOR_STATE_DIR"

fractal_log "starting the portal: http://localhost:3000 (backend http://localhost:7007)"
yarn start
