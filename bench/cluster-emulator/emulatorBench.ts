/* Benchmark of the cluster emulator: LIST of 10k objects and write-to-watch-event latency,
 * with 50k objects across 3 clusters, then paged LIST with a small and a large watch history
 * (pagedListBench.ts). The emulator runs in its own process (benchServer.ts).
 * Run: yarn workspace @fractal/cluster-emulator bench */
import { Agent } from 'node:https';
import { loadavg } from 'node:os';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import {
  fmt,
  get,
  patch,
  percentile,
  startServer,
  Target,
  watch,
} from './benchClient';
import { benchPagedList } from './pagedListBench';

const LIST_SIZE = Number(process.env.BENCH_LIST_SIZE ?? 10_000);
const LIST_RUNS = Number(process.env.BENCH_LIST_RUNS ?? 30);
const LIST_WARMUPS = 5;
const WATCH_RUNS = Number(process.env.BENCH_WATCH_RUNS ?? 300);
const EXTRA_WATCHERS = 10;
const TARGET_LIST_MS = 150;
const TARGET_WATCH_MS = 10;
const PAGED_RUNS = Number(process.env.BENCH_PAGED_RUNS ?? 10);

async function benchList(
  kubeconfigPath: string,
  reader: Target,
  writer: Target,
) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const writeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const path = '/apis/platform.fractal.dev/v1alpha1/postgresqlinstances';
  const first = await get(reader, agent, path);
  const items = (JSON.parse(first.body).items as unknown[]).length;
  for (let i = 0; i < 3; i++) await get(reader, agent, path);
  const rebuilt: number[] = [];
  const rebuiltFirstByte: number[] = [];
  const repeated: number[] = [];
  const parseTimes: number[] = [];
  for (let i = 0; i < LIST_WARMUPS + LIST_RUNS; i++) {
    // A write to the collection first, so the server builds the body anew.
    await patch(
      writer,
      writeAgent,
      `/apis/platform.fractal.dev/v1alpha1/namespaces/tenant-payments/postgresqlinstances/postgresqlinstance-${
        i * 4
      }`,
      {
        metadata: { labels: { 'bench-list': String(i) } },
      },
    );
    const fresh = await get(reader, agent, path);
    const again = await get(reader, agent, path);
    if (i < LIST_WARMUPS) continue;
    rebuilt.push(fresh.ms);
    rebuiltFirstByte.push(fresh.firstByteMs);
    repeated.push(again.ms);
    const parseStarted = performance.now();
    JSON.parse(again.body);
    parseTimes.push(performance.now() - parseStarted);
  }
  agent.destroy();
  writeAgent.destroy();

  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const clientTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await custom.listClusterCustomObject({
      group: 'platform.fractal.dev',
      version: 'v1alpha1',
      plural: 'postgresqlinstances',
    });
    clientTimes.push(performance.now() - started);
  }
  return {
    items,
    bytes: first.bytes,
    rebuilt,
    rebuiltFirstByte,
    repeated,
    parseTimes,
    clientTimes,
  };
}

/** Copy speed of this machine right now: LIST cost is dominated by copying the body. */
function memcpyMBps(bytes: number): number {
  const source = Buffer.alloc(bytes, 1);
  const target = Buffer.allocUnsafe(bytes);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    source.copy(target);
    times.push(performance.now() - started);
  }
  return bytes / 1e6 / (percentile(times, 0.5) / 1000);
}

async function benchWatch(target: Target) {
  const namespacePath =
    '/apis/platform.fractal.dev/v1alpha1/namespaces/tenant-payments/postgresqlinstances';
  const pending = new Map<string, (at: number) => void>();
  const closers: Array<() => void> = [];
  const rv = JSON.parse(
    (await get(target, new Agent(), `${namespacePath}?limit=1`)).body,
  ).metadata.resourceVersion;
  closers.push(
    await watch(
      target,
      `${namespacePath}?watch=true&resourceVersion=${rv}`,
      event => {
        const marker = event.object?.metadata?.labels?.['bench-marker'];
        const resolve = marker ? pending.get(marker) : undefined;
        if (resolve) {
          pending.delete(marker);
          resolve(performance.now());
        }
      },
    ),
  );
  for (let i = 0; i < EXTRA_WATCHERS; i++) {
    closers.push(
      await watch(
        target,
        `/apis/platform.fractal.dev/v1alpha1/postgresqlinstances?watch=true&resourceVersion=${rv}`,
        () => undefined,
      ),
    );
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  for (let i = 0; i < WATCH_RUNS + 20; i++) {
    const marker = `m${i}`;
    const name = `postgresqlinstance-${(i * 4) % LIST_SIZE}`;
    const seen = new Promise<number>(resolve => pending.set(marker, resolve));
    const started = performance.now();
    await patch(target, agent, `${namespacePath}/${name}`, {
      metadata: { labels: { 'bench-marker': marker } },
    });
    const at = await seen;
    if (i >= 20) latencies.push(at - started);
  }
  agent.destroy();
  for (const close of closers) close();
  return { latencies };
}

/** The main benchmark: 50k objects across 3 clusters; returns its report rows and verdict. */
async function benchMain(): Promise<{ rows: string[][]; pass: boolean }> {
  const server = await startServer();
  try {
    const { info } = server;
    const dev = info.clusters[0];
    const target: Target = {
      url: dev.url,
      ca: dev.caPem,
      token: info.tokens['fractal-reader'],
    };
    const writer: Target = { ...target, token: info.tokens.admin };
    const list = await benchList(info.kubeconfigPath, target, writer);
    const watchResult = await benchWatch(writer);
    const copySpeed = memcpyMBps(list.bytes);

    const listMedian = percentile(list.rebuilt, 0.5);
    const repeatedMedian = percentile(list.repeated, 0.5);
    const watchMedian = percentile(watchResult.latencies, 0.5);
    const verdict = (value: number, target: number) =>
      `target <= ${target} ms: ${value <= target ? 'PASS' : 'FAIL'}`;
    const rows = [
      [
        'objects loaded (3 clusters, in-process API)',
        `${info.loaded.count}`,
        `${(info.loaded.count / (info.loaded.ms / 1000)).toFixed(0)} objects/s`,
      ],
      [
        `LIST ${list.items} objects over HTTPS (${(list.bytes / 1e6).toFixed(
          1,
        )} MB) after a write, median`,
        fmt(listMedian),
        verdict(listMedian, TARGET_LIST_MS),
      ],
      ['  p95', fmt(percentile(list.rebuilt, 0.95)), ''],
      [
        '  time to first byte (server builds the body), median',
        fmt(percentile(list.rebuiltFirstByte, 0.5)),
        '',
      ],
      [
        'LIST of the unchanged collection (cached body), median',
        fmt(repeatedMedian),
        'informational',
      ],
      ['  p95', fmt(percentile(list.repeated, 0.95)), ''],
      [
        'client JSON.parse of that LIST, median',
        fmt(percentile(list.parseTimes, 0.5)),
        'client side, informational',
      ],
      [
        '@kubernetes/client-node listClusterCustomObject, median',
        fmt(percentile(list.clientTimes, 0.5)),
        'incl. client deserialisation, informational',
      ],
      [
        `write -> watch event (${watchResult.latencies.length} writes, ${
          EXTRA_WATCHERS + 1
        } watches), median`,
        fmt(watchMedian),
        verdict(watchMedian, TARGET_WATCH_MS),
      ],
      ['  p95', fmt(percentile(watchResult.latencies, 0.95)), ''],
      [
        'memory copy speed of this machine now',
        `${copySpeed.toFixed(0)} MB/s`,
        'context: a LIST body is copied several times',
      ],
    ];
    const pass = listMedian <= TARGET_LIST_MS && watchMedian <= TARGET_WATCH_MS;
    return { rows, pass };
  } finally {
    await server.stop();
  }
}

async function main() {
  process.stdout.write('starting 3 emulated clusters and loading objects...\n');
  const { rows, pass } = await benchMain();
  if (PAGED_RUNS > 0) {
    process.stdout.write(
      'paged LIST with a small and a large watch history (one server each)...\n',
    );
    rows.push(...(await benchPagedList()));
  }
  const width = Math.max(...rows.map(r => r[0].length));
  const load = loadavg()
    .map(l => l.toFixed(1))
    .join(' ');
  process.stdout.write(
    `\ncluster emulator benchmark (node ${process.version}, load average ${load})\n`,
  );
  for (const [name, value, note] of rows)
    process.stdout.write(
      `  ${name.padEnd(width)}  ${value.padStart(12)}  ${note}\n`,
    );
  process.stdout.write(
    `\n${pass ? 'PASS' : 'FAIL'}: ${
      pass ? 'all targets met' : 'a target was missed'
    }\n`,
  );
  process.exitCode = pass ? 0 : 1;
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 2;
});
