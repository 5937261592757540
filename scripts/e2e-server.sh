#!/usr/bin/env bash
# The server the Playwright tests run against: the built app served by the
# backend on :7007, a fresh SQLite directory, and the cluster emulator with a
# fresh state directory. Started and stopped by playwright.config.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/emulator.sh
fractal_ensure_toolchain
fractal_ensure_deps

work="$(mktemp -d /tmp/fractal-e2e.XXXXXX)"
export FRACTAL_SQLITE_DIR="$work/sqlite"
export FRACTAL_EMULATOR_STATE_DIR="$work/emulator"
mkdir -p "$FRACTAL_SQLITE_DIR"

if [ ! -f packages/app/dist/index.html ]; then
  fractal_log "building the app for e2e"
  yarn workspace app build --config ../../app-config.yaml --config ../../app-config.e2e.yaml
fi

cleanup() {
  [ -n "${backend_pid:-}" ] && kill "$backend_pid" 2>/dev/null && wait "$backend_pid" 2>/dev/null
  fractal_emulator_stop
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The demo operator fails 5% of live attempts and leaves 2% stuck on purpose;
# end-to-end tests need every attempt they start to become Ready. Same demo
# otherwise (clusters, seeded history).
sed -e 's/^  failureRate: .*/  failureRate: 0/' -e 's/^  stuckRate: .*/  stuckRate: 0/' \
  packages/cluster-emulator/demo.yaml >"$work/emulator.yaml"
fractal_emulator_start "$FRACTAL_EMULATOR_STATE_DIR" --config "$work/emulator.yaml"
# The backend runs from its TypeScript sources without a file watcher, so that
# edits in the working tree never restart it in the middle of a test.
(cd packages/backend && NODE_ENV=development exec node --require @backstage/cli/config/nodeTransform.cjs \
  src/index.ts --config ../../app-config.yaml --config ../../app-config.e2e.yaml) &
backend_pid=$!
wait "$backend_pid"
