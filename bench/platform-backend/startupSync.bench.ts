/* Benchmark: start with 50k objects synced. Starts the backend's informers and
 * status cache against 3 emulated clusters holding BENCH_OBJECTS claims and
 * measures the time until every informer has listed everything.
 * Run: node --require @backstage/cli/config/nodeTransform.cjs bench/platform-backend/startupSync.bench.ts */
import { loadavg } from 'node:os';
import { createBareCache, waitForSync } from './harness/startBareCache';
import { mockCredentials } from '@backstage/backend-test-utils';
import { type BenchClusters, startClusters } from './harness/startClusters';
import { startFullBackend } from './harness/startFullBackend';
import { line, median, ms, verdict } from './harness/stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 5000;

/** The whole plugin (HTTP, permissions, the history store recording every resource): time until `GET /clusters` says synced. */
async function fullPluginSync(clusters: BenchClusters): Promise<number> {
  const alan = mockCredentials.user.header('user:default/alan');
  const started = performance.now();
  const backend = await startFullBackend(clusters);
  try {
    for (;;) {
      const health = (await backend.get('/clusters', alan)).body
        .items as Array<{ synced: boolean }>;
      if (health.length === 3 && health.every(h => h.synced))
        return performance.now() - started;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  } finally {
    await backend.stop();
  }
}

async function main() {
  line('starting 3 emulated clusters and loading claims...');
  const clusters = await startClusters();
  line(`loaded ${clusters.loaded.count} claims in ${ms(clusters.loaded.ms)}`);
  try {
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
        `round ${round}: ${ms(took)} until synced (backend CPU ${ms(
          cpuMs,
        )}), ` + `${cached} objects cached, ${resources} resources`,
      );
    }
    line();
    line(
      `start -> synced, ${cached} objects across ${clusters.clusters.length} clusters:`,
    );
    line(
      `  median ${ms(median(times))}, min ${ms(Math.min(...times))}, max ${ms(
        Math.max(...times),
      )}`,
    );
    line(
      `  ${((cached / median(times)) * 1000).toFixed(
        0,
      )} objects/s; backend CPU median ${ms(
        median(cpuTimes),
      )} (the rest is waiting for the clusters)`,
    );
    line(
      `  load average: ${loadavg()
        .map(l => l.toFixed(2))
        .join(' ')} (2 cores: figures inflate under load)`,
    );
    if (process.env.BENCH_FULL === '1') {
      const full = await fullPluginSync(clusters);
      line(
        `  whole plugin (test backend, history store on in-memory SQLite): ${ms(
          full,
        )} until synced (informational)`,
      );
    }
    verdict(
      'start with 50k objects synced',
      median(times) <= TARGET_MS,
      `median ${ms(median(times))} (target <= ${TARGET_MS} ms)`,
    );
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
