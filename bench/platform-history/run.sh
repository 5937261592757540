#!/usr/bin/env bash
# Runs the provisioning-history benchmark: starts a throwaway PostgreSQL on
# loopback (unless FRACTAL_PG_URL is set), runs the benchmark, stops it.
# Usage: bash bench/platform-history/run.sh   (env: BENCH_RECORDS, BENCH_RUNS)
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
source scripts/postgres.sh
fractal_ensure_toolchain || exit 2
started_pg=0
if [ -z "${FRACTAL_PG_URL:-}" ]; then
  fractal_ensure_postgres || exit 2
  FRACTAL_PG_PORT="${FRACTAL_PG_PORT:-55493}" fractal_pg_start || exit 2
  started_pg=1
fi
node --require @backstage/cli/config/nodeTransform.cjs bench/platform-history/historyMetrics.bench.ts
rc=$?
[ "$started_pg" = 1 ] && fractal_pg_stop
exit $rc
