#!/usr/bin/env bash
# Runs the provisioning-history benchmark on SQLite and a throwaway PostgreSQL.
# Usage: bash bench/platform-history/run.sh   (env: BENCH_RECORDS, BENCH_RUNS)
exec bash "$(dirname "$0")/../with-postgres.sh" 55493 bench/platform-history/historyMetrics.bench.ts
