#!/usr/bin/env bash
# Runs the start-up benchmark with a throwaway PostgreSQL on loopback (unless
# FRACTAL_PG_URL is set), so BENCH_FULL=1 measures SQLite and PostgreSQL.
# Usage: BENCH_FULL=1 bash bench/platform-backend/startupSync.sh
#        (env: BENCH_ROUNDS, BENCH_FULL_ROUNDS, BENCH_OBJECTS)
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
source scripts/postgres.sh
fractal_ensure_toolchain || exit 2
started_pg=0
if [ -z "${FRACTAL_PG_URL:-}" ]; then
  fractal_ensure_postgres || exit 2
  FRACTAL_PG_PORT="${FRACTAL_PG_PORT:-55494}" fractal_pg_start || exit 2
  started_pg=1
fi
node --require @backstage/cli/config/nodeTransform.cjs bench/platform-backend/startupSync.bench.ts
rc=$?
[ "$started_pg" = 1 ] && fractal_pg_stop
exit $rc
