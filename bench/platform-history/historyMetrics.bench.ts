/* Benchmark: tenant metrics over 1M provisioning records, PostgreSQL and SQLite
 * side by side. Seeds both databases with the same deterministic records (one
 * year, five tenants, four kinds; the largest tenant holds 40 %), then times
 * MetricsService.tenantMetrics, the code behind GET /metrics/tenants/:tenant.
 * Run: bash bench/platform-history/run.sh   (starts and stops a PostgreSQL) */
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateHistoryDatabase } from '../../plugins/platform-backend/src/history/migrateHistoryDatabase';
import { MetricsService } from '../../plugins/platform-backend/src/metrics/MetricsService';
import { DAY_MS, seedHistory, TENANT_SHARES } from './seedHistory';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
// Mid-day, like any "now": the windows' edge days are partial.
const NOW = Date.parse('2026-01-01T13:37:00Z');
const TARGET_MS: Record<string, number> = { PostgreSQL: 300, SQLite: 1000 };
const WINDOWS = [
  { name: '30 days (default window)', days: 30, target: true },
  { name: '90 days', days: 90, target: true },
  { name: '365 days (every record)', days: 365, target: true },
];

const line = (text = '') => process.stdout.write(`${text}\n`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number[]; last: T }> {
  const ms: number[] = [];
  let last = await fn(); // warm-up
  last = await fn();
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    last = await fn();
    ms.push(performance.now() - started);
  }
  return { ms, last };
}

interface EngineResult {
  engine: string;
  seedMs: number;
  rows: Record<string, { median: number; p95: number; read: number }>;
}

async function benchEngine(engine: string, db: Knex): Promise<EngineResult> {
  await migrateHistoryDatabase({ getClient: async () => db });
  const seedStart = performance.now();
  await seedHistory(db, { attempts: RECORDS, now: NOW });
  const seedMs = performance.now() - seedStart;
  const [{ n }] = await db('platform_provisioning_attempts').count({ n: '*' });
  line(
    `${engine}: ${Number(n).toLocaleString('en-US')} attempts seeded in ${(
      seedMs / 1000
    ).toFixed(1)} s`,
  );

  const tenants = TENANT_SHARES.map(([t]) => t);
  const service = new MetricsService({
    db,
    tenants: { listTenants: async () => [...tenants] },
    minutesSaved: { default: 120, byKind: { PostgreSQLInstance: 240 } },
  });
  const rows: EngineResult['rows'] = {};
  for (const window of WINDOWS) {
    const range = { from: NOW - window.days * DAY_MS, to: NOW };
    const { ms, last } = await timed(() =>
      service.tenantMetrics('payments', range),
    );
    rows[window.name] = {
      median: percentile(ms, 0.5),
      p95: percentile(ms, 0.95),
      read: last.totals.attempts,
    };
  }
  const thirty = { from: NOW - 30 * DAY_MS, to: NOW };
  for (const [name, fn] of [
    [
      'adoption, every tenant (30 days)',
      () => service.adoption(thirty, { allTenants: true }),
    ],
    [
      'scoreboard, every tenant (30 days)',
      () => service.scoreboard(thirty, { allTenants: true }),
    ],
  ] as const) {
    const { ms } = await timed(fn);
    rows[name] = {
      median: percentile(ms, 0.5),
      p95: percentile(ms, 0.95),
      read: 0,
    };
  }
  return { engine, seedMs, rows };
}

async function main() {
  const pgUrl = process.env.FRACTAL_PG_URL;
  if (!pgUrl) {
    throw new Error(
      'FRACTAL_PG_URL is not set: run bash bench/platform-history/run.sh',
    );
  }
  line(
    `tenant metrics of the largest tenant (payments, 40 % of ${RECORDS.toLocaleString(
      'en-US',
    )} records); ${RUNS} timed runs after 2 warm-ups`,
  );
  line(
    `load average ${(await import('node:os'))
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
  const results: EngineResult[] = [];

  const admin = knexFactory({ client: 'pg', connection: pgUrl });
  const dbName = `fractal_history_bench_${process.pid}`;
  await admin.raw(`CREATE DATABASE ${dbName}`);
  const pg = knexFactory({
    client: 'pg',
    connection: { connectionString: pgUrl.replace(/\/[^/]*$/, `/${dbName}`) },
    pool: { min: 0, max: 5 },
  });
  try {
    results.push(await benchEngine('PostgreSQL', pg));
  } finally {
    await pg.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.destroy();
  }

  const dir = mkdtempSync(join(tmpdir(), 'fractal-history-bench-'));
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: join(dir, 'history.sqlite') },
    useNullAsDefault: true,
  });
  try {
    results.push(await benchEngine('SQLite', sqlite));
  } finally {
    await sqlite.destroy();
    rmSync(dir, { recursive: true, force: true });
  }

  line();
  const names = Object.keys(results[0].rows);
  const cell = (r: EngineResult, name: string) => {
    const row = r.rows[name];
    return `${row.median.toFixed(1).padStart(8)} ms (p95 ${row.p95.toFixed(
      1,
    )})`.padEnd(28);
  };
  line(
    `${'figure'.padEnd(38)}${results
      .map(r => r.engine.padEnd(28))
      .join('')}records read`,
  );
  for (const name of names) {
    const read = results[0].rows[name].read;
    line(
      `${name.padEnd(38)}${results.map(r => cell(r, name)).join('')}${
        read ? read.toLocaleString('en-US') : ''
      }`,
    );
  }
  line();
  for (const window of WINDOWS.filter(w => w.target)) {
    for (const r of results) {
      const median = r.rows[window.name].median;
      const ok = median <= TARGET_MS[r.engine];
      line(
        `${ok ? 'PASS' : 'FAIL'}  tenant metrics, ${window.name}, ${
          r.engine
        }: median ${median.toFixed(1)} ms (target <= ${
          TARGET_MS[r.engine]
        } ms)`,
      );
      if (!ok) process.exitCode = 1;
    }
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(2);
});
