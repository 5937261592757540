/* Benchmark: Ready in the cluster -> visible in the API and pushed. With
 * BENCH_OBJECTS claims cached across 3 clusters, marks in-progress claims Ready
 * one at a time (a status write to the cluster, as the operator would) and times
 * until the API serves them Ready and the signal is published.
 * Run: node --require @backstage/cli/config/nodeTransform.cjs bench/platform-backend/readyToPush.bench.ts */
import { mockCredentials } from '@backstage/backend-test-utils';
import type { SignalPayload } from '@backstage/plugin-signals-node';
import { Agent } from 'node:https';
import { loadavg } from 'node:os';
import { API, claimAt, conditions } from './harness/benchClaims';
import { kubeRequest } from './harness/kubeRequest';
import { quiescent } from './harness/quiescent';
import { startClusters } from './harness/startClusters';
import { startFullBackend } from './harness/startFullBackend';
import { line, median, ms, percentile, verdict } from './harness/stats';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const TARGET_P95_MS = 1000;
const NAIVE_POLL_MS = 10_000;
const alan = mockCredentials.user.header('user:default/alan');

async function main() {
  line('starting 3 emulated clusters and loading claims...');
  const clusters = await startClusters();
  line(`loaded ${clusters.loaded.count} claims`);
  const pushed = new Map<string, number>();
  const backend = await startFullBackend(clusters, (signal: SignalPayload) => {
    const message = signal.message as { uid?: string; state?: string };
    if (message.state === 'Ready' && message.uid)
      pushed.set(message.uid, performance.now());
  });
  const agents = new Map(
    clusters.clusters.map(c => [c.name, new Agent({ keepAlive: true })]),
  );
  try {
    const startedSync = performance.now();
    for (;;) {
      const health = (await backend.get('/clusters', alan)).body
        .items as Array<{ synced: boolean }>;
      if (health.length === 3 && health.every(h => h.synced)) break;
      if (performance.now() - startedSync > 300_000)
        throw new Error('backend did not sync');
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    await quiescent();

    const visible: number[] = [];
    const push: number[] = [];
    for (let n = 0; n < SAMPLES; n++) {
      const claim = claimAt(100 + n * 10, 50); // every tenth claim was loaded in progress
      if (claim.ready) throw new Error('expected an in-progress claim');
      const cluster = clusters.clusters.find(c => c.name === claim.cluster)!;
      const target = {
        url: cluster.url,
        caPem: cluster.caPem,
        token: clusters.tokens.admin,
        agent: agents.get(cluster.name),
      };
      const path = `/apis/${API}/namespaces/${claim.namespace}/${claim.plural}/${claim.name}`;
      const { metadata } = await kubeRequest(target, 'GET', path);
      await kubeRequest(target, 'PATCH', `${path}/status`, {
        status: { conditions: conditions(true, new Date().toISOString()) },
      });
      const written = performance.now();
      for (;;) {
        const res = await backend.get(
          `/clusters/${claim.cluster}/resources/${metadata.uid}`,
          alan,
        );
        if (res.body.resource?.status?.state === 'Ready') {
          visible.push(performance.now() - written);
          break;
        }
        if (performance.now() - written > 30_000)
          throw new Error(`${claim.name} never became Ready`);
        await new Promise(resolve => setTimeout(resolve, 2));
      }
      while (!pushed.has(metadata.uid)) {
        if (performance.now() - written > 30_000)
          throw new Error(`${claim.name} was never pushed`);
        await new Promise(resolve => setTimeout(resolve, 2));
      }
      push.push(pushed.get(metadata.uid)! - written);
    }

    line();
    line(
      `load average: ${loadavg()
        .map(l => l.toFixed(2))
        .join(' ')} (2 cores: figures inflate under load)`,
    );
    line(
      `Ready written to the cluster -> Fractal, ${clusters.loaded.count} claims cached, ${SAMPLES} transitions:`,
    );
    line(
      `  visible in the API: median ${ms(median(visible))}, p95 ${ms(
        percentile(visible, 0.95),
      )}, max ${ms(Math.max(...visible))}`,
    );
    line(
      `  pushed (signal published): median ${ms(median(push))}, p95 ${ms(
        percentile(push, 0.95),
      )}, max ${ms(Math.max(...push))}`,
    );
    line(
      `  naive polling every ${
        NAIVE_POLL_MS / 1000
      } s (model, not measured): median ${ms(NAIVE_POLL_MS / 2)}, p95 ${ms(
        NAIVE_POLL_MS * 0.95,
      )}; ` +
        `ratio to pushed p95: x${(
          (NAIVE_POLL_MS * 0.95) /
          percentile(push, 0.95)
        ).toFixed(0)}`,
    );
    const worst = Math.max(percentile(visible, 0.95), percentile(push, 0.95));
    verdict(
      'Ready -> visible and pushed p95',
      worst <= TARGET_P95_MS,
      `${ms(worst)} (target <= ${TARGET_P95_MS} ms)`,
    );
  } finally {
    agents.forEach(a => a.destroy());
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
