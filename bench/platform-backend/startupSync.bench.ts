/* Benchmark: start with 50k objects synced. Starts the backend's informers and
 * status cache against 3 emulated clusters holding BENCH_OBJECTS claims and
 * measures the time until every informer has listed everything. With
 * BENCH_FULL=1 it then starts the whole plugin (HTTP, permissions, the history
 * store recording every resource first seen) on SQLite and, when
 * FRACTAL_PG_URL is set, on PostgreSQL, and prints both figures side by side:
 * time until the API serves a complete cache, and until the history has
 * caught up.
 * Run: node --require @backstage/cli/config/nodeTransform.cjs bench/platform-backend/startupSync.bench.ts
 *  or: BENCH_FULL=1 bash bench/platform-backend/startupSync.sh   (starts and stops a PostgreSQL) */
import { mockCredentials } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBareCache, waitForSync } from './harness/startBareCache';
import { type BenchClusters, startClusters } from './harness/startClusters';
import { startFullBackend } from './harness/startFullBackend';
import { line, median, ms, verdict } from './harness/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FULL_ROUNDS = Number(process.env.BENCH_FULL_ROUNDS ?? 3);
const TARGET_MS = 5000;
const alan = mockCredentials.user.header('user:default/alan');
const sleep = (ms_: number) => new Promise(resolve => setTimeout(resolve, ms_));

/** One start of the whole plugin on an empty history database. */
interface FullRound {
  /** Start -> `GET /clusters` says every cluster synced (the API serves a complete cache). */
  syncedMs: number;
  /** Start -> every claim has its resource and attempt rows. */
  caughtUpMs: number;
  /** Event loop delay while it started and caught up: p99 and max. */
  loopP99Ms: number;
  loopMaxMs: number;
  /** Slowest `GET /clusters` answer while the history caught up. */
  slowestApiMs: number;
}

/** A fresh, empty database of one engine for one round. */
interface Engine {
  name: string;
  open(round: number): Promise<{ knex: Knex; close(): Promise<void> }>;
}

const sqlite: Engine = {
  name: 'SQLite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'fractal-startup-bench-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'platform.sqlite') },
      useNullAsDefault: true,
    });
    return {
      knex,
      async close() {
        await knex.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(url: string): Engine {
  return {
    name: 'PostgreSQL',
    async open(round) {
      const admin = knexFactory({ client: 'pg', connection: url });
      const name = `fractal_startup_bench_${process.pid}_${round}`;
      await admin.raw(`CREATE DATABASE ${name}`);
      const knex = knexFactory({
        client: 'pg',
        connection: { connectionString: url.replace(/\/[^/]*$/, `/${name}`) },
        pool: { min: 0, max: 10 },
      });
      return {
        knex,
        async close() {
          await knex.destroy();
          await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
          await admin.destroy();
        },
      };
    },
  };
}

async function countRows(knex: Knex, table: string): Promise<number> {
  const [row] = await knex(table).count({ n: '*' });
  return Number(row.n);
}

/** Starts the whole plugin on an empty database; times synced and history caught up. */
async function fullPluginRound(
  clusters: BenchClusters,
  knex: Knex,
): Promise<FullRound> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  const backend = await startFullBackend(clusters, undefined, knex);
  try {
    let syncedMs: number | undefined;
    let slowestApiMs = 0;
    for (;;) {
      const asked = performance.now();
      const health = (await backend.get('/clusters', alan)).body
        .items as Array<{ synced: boolean }>;
      const answered = performance.now();
      if (syncedMs !== undefined) {
        slowestApiMs = Math.max(slowestApiMs, answered - asked);
      }
      if (
        syncedMs === undefined &&
        health.length === clusters.clusters.length &&
        health.every(h => h.synced)
      ) {
        syncedMs = answered - started;
      }
      if (
        syncedMs !== undefined &&
        (await countRows(knex, 'platform_provisioning_attempts')) >=
          clusters.loaded.count &&
        (await countRows(knex, 'platform_resources')) >= clusters.loaded.count
      ) {
        const caughtUpMs = performance.now() - started;
        loop.disable();
        return {
          syncedMs,
          caughtUpMs,
          loopP99Ms: loop.percentile(99) / 1e6,
          loopMaxMs: loop.max / 1e6,
          slowestApiMs,
        };
      }
      if (performance.now() - started > 600_000) {
        throw new Error('the whole plugin did not catch up in 10 minutes');
      }
      await sleep(20);
    }
  } finally {
    loop.disable();
    await backend.stop();
  }
}

async function benchEngine(
  clusters: BenchClusters,
  engine: Engine,
): Promise<FullRound[]> {
  const rounds: FullRound[] = [];
  for (let round = 1; round <= FULL_ROUNDS; round++) {
    const db = await engine.open(round);
    try {
      const result = await fullPluginRound(clusters, db.knex);
      rounds.push(result);
      line(
        `whole plugin on ${engine.name}, round ${round}: synced ${ms(
          result.syncedMs,
        )}, history caught up ${ms(
          result.caughtUpMs,
        )}; event loop delay p99 ${ms(result.loopP99Ms)}, max ${ms(
          result.loopMaxMs,
        )}; slowest GET /clusters while catching up ${ms(result.slowestApiMs)}`,
      );
    } finally {
      await db.close();
    }
  }
  return rounds;
}

async function informersOnly(clusters: BenchClusters) {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let cached = 0;
  for (let round = 0; round < ROUNDS + 1; round++) {
    const { cache, watchers } = createBareCache(clusters);
    const started = performance.now();
    const cpu = process.cpuUsage();
    await watchers.start();
    const took = await waitForSync(watchers, started);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    cached = watchers.health().reduce((sum, h) => sum + h.objects, 0);
    const resources = [...cache.allResources()].length;
    await watchers.stop();
    if (round === 0) {
      line(`warm-up: ${ms(took)} (${resources} resources)`);
      continue;
    }
    times.push(took);
    cpuTimes.push(cpuMs);
    line(
      `informers only, round ${round}: ${ms(
        took,
      )} until synced (backend CPU ${ms(cpuMs)}), ` +
        `${cached} objects cached, ${resources} resources`,
    );
  }
  return { times, cpuTimes, cached };
}

async function main() {
  line('starting 3 emulated clusters and loading claims...');
  const clusters = await startClusters();
  line(`loaded ${clusters.loaded.count} claims in ${ms(clusters.loaded.ms)}`);
  try {
    const bare = await informersOnly(clusters);
    const full: Array<{ engine: string; rounds: FullRound[] }> = [];
    if (process.env.BENCH_FULL === '1') {
      const engines = [sqlite];
      const pgUrl = process.env.FRACTAL_PG_URL;
      if (pgUrl) engines.push(postgres(pgUrl));
      for (const engine of engines) {
        full.push({
          engine: engine.name,
          rounds: await benchEngine(clusters, engine),
        });
      }
      if (!pgUrl) {
        line(
          'PostgreSQL: skipped (FRACTAL_PG_URL is not set; BENCH_FULL=1 bash bench/platform-backend/startupSync.sh starts one)',
        );
      }
    }

    line();
    line(
      `start -> synced, ${bare.cached} objects across ${clusters.clusters.length} clusters (medians):`,
    );
    const col = (text: string) => text.padEnd(18);
    line(
      `  ${'start'.padEnd(40)}${col('synced')}${col('history caught up')}${col(
        'loop delay p99',
      )}${col('loop delay max')}`,
    );
    line(
      `  ${`informers only (${ROUNDS} rounds)`.padEnd(40)}${col(
        ms(median(bare.times)),
      )}${col('-')}${col('-')}${col('-')}`,
    );
    for (const { engine, rounds } of full) {
      line(
        `  ${`whole plugin, ${engine} (${rounds.length} rounds)`.padEnd(
          40,
        )}${col(ms(median(rounds.map(r => r.syncedMs))))}${col(
          ms(median(rounds.map(r => r.caughtUpMs))),
        )}${col(ms(median(rounds.map(r => r.loopP99Ms))))}${col(
          ms(median(rounds.map(r => r.loopMaxMs))),
        )}`,
      );
    }
    line(
      `  informers only: ${((bare.cached / median(bare.times)) * 1000).toFixed(
        0,
      )} objects/s; backend CPU median ${ms(
        median(bare.cpuTimes),
      )} (the rest is waiting for the clusters)`,
    );
    line(
      `  load average: ${loadavg()
        .map(l => l.toFixed(2))
        .join(' ')} (2 cores: figures inflate under load)`,
    );
    verdict(
      'start with 50k objects synced, informers only',
      median(bare.times) <= TARGET_MS,
      `median ${ms(median(bare.times))} (target <= ${TARGET_MS} ms)`,
    );
    for (const { engine, rounds } of full) {
      const synced = median(rounds.map(r => r.syncedMs));
      verdict(
        `start with 50k objects synced, whole plugin on ${engine}`,
        synced <= TARGET_MS,
        `median ${ms(
          synced,
        )} (target <= ${TARGET_MS} ms); history caught up after ${ms(
          median(rounds.map(r => r.caughtUpMs)),
        )} (informational)`,
      );
    }
  } finally {
    await clusters.stop();
  }
}

// Exit explicitly: kept-alive HTTP connections would otherwise hold the process open.
main().then(
  () => process.exit(process.exitCode ?? 0),
  error => {
    process.stderr.write(
      `${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(2);
  },
);
