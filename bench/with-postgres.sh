#!/usr/bin/env bash
# Runs a benchmark script with a throwaway PostgreSQL on loopback (unless
# FRACTAL_PG_URL is set), so it can measure SQLite and PostgreSQL side by side.
# Usage: bash bench/with-postgres.sh <port> <script.ts>   (from any folder)
set -uo pipefail
port="$1"
script="$2"
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/postgres.sh
fractal_ensure_toolchain || exit 2
started_pg=0
if [ -z "${FRACTAL_PG_URL:-}" ]; then
  fractal_ensure_postgres || exit 2
  FRACTAL_PG_PORT="${FRACTAL_PG_PORT:-$port}" fractal_pg_start || exit 2
  started_pg=1
fi
node --require @backstage/cli/config/nodeTransform.cjs "$script"
rc=$?
[ "$started_pg" = 1 ] && fractal_pg_stop
exit $rc
