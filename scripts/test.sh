#!/usr/bin/env bash
# Runs every test on a fresh machine: type check, lint, unit tests of every
# package (database tests on SQLite and on a real PostgreSQL server this script
# starts), and Playwright end-to-end tests in Chromium against the built app.
# Installs what it needs: Node 22 and yarn 4 (.tools/), dependencies,
# Debian's chromium and postgresql. Prints each runner's summary and a total.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/postgres.sh
export CI="${CI:-true}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export FORCE_COLOR=0

started=$(date +%s)
results=()
failed=0
failed_steps=0
record() { # record <name> <status> [summary]
  results+=("$(printf '%-12s %-6s %s' "$1" "$2" "${3:-}")")
  [ "$2" = ok ] && return 0
  failed=1
  # jest and e2e failures are counted test by test; other steps count as one.
  case "$1" in jest | e2e) ;; *) failed_steps=$((failed_steps + 1)) ;; esac
}
step() { printf '\n\033[1;36m==> %s\033[0m\n' "$*"; }
elapsed() { echo "$(($(date +%s) - $1))s"; }

step "toolchain and dependencies"
fractal_ensure_toolchain && fractal_ensure_deps || { echo "setup failed" >&2; exit 1; }
fractal_apt_install /usr/bin/chromium chromium fonts-liberation || { echo "chromium install failed" >&2; exit 1; }
fractal_ensure_postgres || { echo "postgresql install failed" >&2; exit 1; }
mkdir -p .data/test-results
rm -rf e2e-results .data/test-results/jest.json
trap 'fractal_pg_stop' EXIT

step "type check (tsc)"
t=$(date +%s)
if yarn tsc; then record typecheck ok "$(elapsed "$t")"; else record typecheck FAILED "$(elapsed "$t")"; fi

step "lint"
t=$(date +%s)
if yarn backstage-cli repo lint; then record lint ok "$(elapsed "$t")"; else record lint FAILED "$(elapsed "$t")"; fi

step "unit and database tests (jest; SQLite and PostgreSQL)"
fractal_pg_start || { echo "could not start PostgreSQL" >&2; exit 1; }
t=$(date +%s)
jest_json=.data/test-results/jest.json
rm -f "$jest_json"
yarn backstage-cli repo test --ci --json --outputFile="$PWD/$jest_json" --testLocationInResults
jest_rc=$?
jest_summary=$(node scripts/summarize-jest.js "$jest_json" "${FRACTAL_PG_TEST_DATABASE_ID:-POSTGRES}")
echo "$jest_summary"
if [ $jest_rc -eq 0 ]; then record jest ok "$(elapsed "$t")"; else record jest FAILED "$(elapsed "$t")"; fi
fractal_pg_stop

step "build the app for e2e"
t=$(date +%s)
if yarn workspace app build --config ../../app-config.yaml --config ../../app-config.e2e.yaml; then
  record app-build ok "$(elapsed "$t")"
  step "end-to-end tests (Playwright, Chromium)"
  t=$(date +%s)
  yarn playwright test
  e2e_rc=$?
  e2e_summary=$(node scripts/summarize-playwright.js e2e-results/results.json)
  echo "$e2e_summary"
  if [ $e2e_rc -eq 0 ]; then record e2e ok "$(elapsed "$t")"; else record e2e FAILED "$(elapsed "$t")"; fi
else
  record app-build FAILED "$(elapsed "$t")"
  e2e_summary="e2e: 0 passed, 0 failed"
fi

step "summary ($(elapsed "$started"))"
printf '%s\n' "${results[@]}"
echo "$jest_summary"
echo "$e2e_summary"
node scripts/summarize-total.js "$jest_json" e2e-results/results.json "$failed_steps"
[ $failed -eq 0 ] && echo "ALL GREEN" || echo "SOMETHING FAILED (see above; e2e artefacts in e2e-results/)"
exit $failed
