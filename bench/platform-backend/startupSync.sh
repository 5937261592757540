#!/usr/bin/env bash
# Runs the start-up benchmark; with BENCH_FULL=1 the whole plugin on SQLite
# and a throwaway PostgreSQL.
# Usage: BENCH_FULL=1 bash bench/platform-backend/startupSync.sh
#        (env: BENCH_ROUNDS, BENCH_FULL_ROUNDS, BENCH_OBJECTS)
exec bash "$(dirname "$0")/../with-postgres.sh" 55494 bench/platform-backend/startupSync.bench.ts
