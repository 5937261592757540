/* Benchmark: heap per cached object. Starts the backend's informers and status
 * cache against 3 emulated clusters holding BENCH_OBJECTS claims, and compares the
 * heap after a full GC before the start and once everything is synced.
 * Run: node --expose-gc --require @backstage/cli/config/nodeTransform.cjs bench/platform-backend/heapPerObject.bench.ts */
import { createBareCache, waitForSync } from './harness/startBareCache';
import { startClusters } from './harness/startClusters';
import { line, verdict } from './harness/stats';

const TARGET_BYTES = 3 * 1024;

async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

async function main() {
  line('starting 3 emulated clusters and loading claims...');
  const clusters = await startClusters();
  line(`loaded ${clusters.loaded.count} claims`);
  try {
    const { cache, watchers } = createBareCache(clusters);
    const before = await settledHeap();
    const started = performance.now();
    await watchers.start();
    await waitForSync(watchers, started);
    await new Promise(resolve => setTimeout(resolve, 1000));
    const after = await settledHeap();
    const objects = watchers.health().reduce((sum, h) => sum + h.objects, 0);
    const resources = [...cache.allResources()].length;
    const perObject = (after - before) / objects;
    line();
    line(
      `heap before start: ${(before / 2 ** 20).toFixed(1)} MiB, synced: ${(
        after /
        2 ** 20
      ).toFixed(1)} MiB`,
    );
    line(
      `cached objects: ${objects} (${resources} platform resources with status and indexes)`,
    );
    line(
      `heap per cached object: ${(perObject / 1024).toFixed(
        2,
      )} KiB (${perObject.toFixed(0)} bytes)`,
    );
    verdict(
      'heap per cached object',
      perObject <= TARGET_BYTES,
      `${(perObject / 1024).toFixed(2)} KiB (target <= 3 KiB)`,
    );
    await watchers.stop();
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
