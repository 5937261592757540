/* Benchmark: status read of an entity with 50 platform resources while 50k objects
 * are cached across 3 clusters, each cluster answering with 20 ms added latency.
 * Compares the cache (GET /api/platform/resources?entityRef=...) with a naive
 * per-request fan-out that LISTs every kind in every cluster on each page view.
 * Run: node --require @backstage/cli/config/nodeTransform.cjs bench/platform-backend/statusRead.bench.ts */
import { mockCredentials } from '@backstage/backend-test-utils';
import { computeResourceStatus } from '@fractal/backstage-plugin-platform-common';
import { Agent, request } from 'node:https';
import { loadavg } from 'node:os';
import { API, BENCH_COMPONENT, KINDS } from './harness/benchClaims';
import { startClusters, type BenchClusters } from './harness/startClusters';
import { startFullBackend } from './harness/startFullBackend';
import { quiescent } from './harness/quiescent';
import { line, median, ms, percentile, verdict } from './harness/stats';

const READS = Number(process.env.BENCH_READS ?? 1000);
const NAIVE_VIEWS = Number(process.env.BENCH_NAIVE_VIEWS ?? 100);
const ENTITY_RESOURCES = 50;
const TARGET_P95_MS = 5;
const ada = mockCredentials.user.header('user:default/ada');

/** One page view the naive way: LIST every kind in every cluster by label, then the status rules. */
function naiveFanOut(clusters: BenchClusters, agents: Agent[]) {
  const selector = encodeURIComponent(
    `fractal.dev/component=${BENCH_COMPONENT}`,
  );
  const lists = clusters.clusters.flatMap((cluster, i) =>
    KINDS.map(
      ({ plural }) =>
        new Promise<unknown[]>((resolve, reject) => {
          const req = request(
            new URL(
              `/apis/${API}/${plural}?labelSelector=${selector}`,
              cluster.url,
            ),
            {
              agent: agents[i],
              ca: cluster.caPem,
              headers: {
                Authorization: `Bearer ${clusters.tokens['fractal-reader']}`,
              },
            },
            res => {
              const chunks: Buffer[] = [];
              res.on('data', c => chunks.push(c));
              res.on('end', () =>
                resolve(
                  JSON.parse(Buffer.concat(chunks).toString('utf8')).items,
                ),
              );
            },
          );
          req.on('error', reject);
          req.end();
        }),
    ),
  );
  return Promise.all(lists).then(pages =>
    pages
      .flat()
      .map(item => computeResourceStatus(item as Record<string, unknown>)),
  );
}

async function main() {
  line(
    'starting 3 emulated clusters (20 ms added latency) and loading claims...',
  );
  const clusters = await startClusters({
    BENCH_LATENCY_MS: '20',
    BENCH_ENTITY_RESOURCES: String(ENTITY_RESOURCES),
  });
  line(`loaded ${clusters.loaded.count} claims`);
  const backend = await startFullBackend(clusters);
  try {
    const path = `/resources?entityRef=component:default/${BENCH_COMPONENT}`;
    const startedSync = performance.now();
    for (;;) {
      const health = (await backend.get('/clusters', ada)).body.items as Array<{
        synced: boolean;
        objects: number;
      }>;
      const entity = await backend.get(path, ada);
      if (
        health.every(h => h.synced) &&
        entity.body.items?.length === ENTITY_RESOURCES
      ) {
        line(
          `backend synced ${health.reduce(
            (s, h) => s + h.objects,
            0,
          )} objects in ${ms(performance.now() - startedSync)}`,
        );
        break;
      }
      if (performance.now() - startedSync > 300_000)
        throw new Error('backend did not sync');
      await new Promise(resolve => setTimeout(resolve, 100));
    }

    await quiescent();
    for (let i = 0; i < 50; i++) await backend.get(path, ada);
    const baseline: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await backend.get('/clusters', ada);
      baseline.push(performance.now() - started);
    }
    const cached: number[] = [];
    for (let i = 0; i < READS; i++) {
      const started = performance.now();
      const res = await backend.get(path, ada);
      cached.push(performance.now() - started);
      if (res.body.items.length !== ENTITY_RESOURCES)
        throw new Error(`got ${res.body.items.length} resources`);
    }

    const agents = clusters.clusters.map(
      () => new Agent({ keepAlive: true, maxSockets: 4 }),
    );
    for (let i = 0; i < 3; i++) await naiveFanOut(clusters, agents);
    const naive: number[] = [];
    let naiveCount = 0;
    for (let i = 0; i < NAIVE_VIEWS; i++) {
      const started = performance.now();
      naiveCount = (await naiveFanOut(clusters, agents)).length;
      naive.push(performance.now() - started);
    }
    agents.forEach(a => a.destroy());

    line();
    line(
      `load average: ${loadavg()
        .map(l => l.toFixed(2))
        .join(' ')} (2 cores: figures inflate under load)`,
    );
    line(
      `status read of one entity (${ENTITY_RESOURCES} resources), ${clusters.loaded.count} claims across 3 clusters, 20 ms cluster latency:`,
    );
    line(
      `  cache (API, ${READS} reads):          median ${ms(
        median(cached),
      )}, p95 ${ms(percentile(cached, 0.95))}, max ${ms(Math.max(...cached))}`,
    );
    line(
      `  framework baseline (GET /clusters):  median ${ms(
        median(baseline),
      )}, p95 ${ms(percentile(baseline, 0.95))}`,
    );
    line(
      `  naive fan-out (12 LISTs/view, ${NAIVE_VIEWS} views): median ${ms(
        median(naive),
      )}, p95 ${ms(percentile(naive, 0.95))} (${naiveCount} resources)`,
    );
    line(
      `  naive / cache: median x${(median(naive) / median(cached)).toFixed(
        1,
      )}, p95 x${(percentile(naive, 0.95) / percentile(cached, 0.95)).toFixed(
        1,
      )}`,
    );
    line(
      `  cluster requests per page view: cache 0, naive ${
        clusters.clusters.length * KINDS.length
      }`,
    );
    verdict(
      'status read p95',
      percentile(cached, 0.95) <= TARGET_P95_MS,
      `${ms(percentile(cached, 0.95))} (target <= ${TARGET_P95_MS} ms)`,
    );
  } finally {
    await backend.stop();
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
