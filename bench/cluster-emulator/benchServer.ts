/* The emulator side of the benchmark, in its own process (as the backend would be):
 * starts 3 clusters, loads the objects, prints one JSON line, then answers
 * `churn <n>` lines on stdin (n status writes on dev, one JSON line back) until SIGTERM. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RunningEmulator, startEmulator } from '@fractal/cluster-emulator';

const TOTAL_OBJECTS = Number(process.env.BENCH_OBJECTS ?? 50_000);
const LIST_SIZE = Number(process.env.BENCH_LIST_SIZE ?? 10_000);
const HISTORY_SIZE = Number(process.env.BENCH_HISTORY_SIZE ?? 10_000);
const API = 'platform.fractal.dev/v1alpha1';
const KINDS = ['PostgreSQLInstance', 'Bucket', 'Cache', 'Application'];
const TENANTS = ['payments', 'checkout', 'search', 'identity'];

function parameters(kind: string, i: number): Record<string, unknown> {
  switch (kind) {
    case 'PostgreSQLInstance':
      return {
        storageGB: 20 + (i % 50) * 10,
        size: ['small', 'medium', 'large'][i % 3],
        backup: { retentionDays: 7 },
      };
    case 'Bucket':
      return {
        region: 'eu-west-1',
        versioning: i % 2 === 0,
        tags: { team: 'bench', index: String(i) },
      };
    case 'Cache':
      return { memoryMB: 256 * (1 + (i % 4)), replicas: 1 + (i % 3) };
    default:
      return {
        image: `registry.fractal.dev/bench/app-${i}:1.0.${i % 10}`,
        replicas: 2,
      };
  }
}

function claim(kind: string, tenant: string, i: number) {
  return {
    apiVersion: API,
    kind,
    metadata: {
      name: `${kind.toLowerCase()}-${i}`,
      namespace: `tenant-${tenant}`,
      labels: {
        'fractal.dev/tenant': tenant,
        'fractal.dev/component': `${tenant}-api`,
        'app.kubernetes.io/managed-by': 'fractal',
      },
      annotations: {
        'fractal.dev/created-via': 'portal',
        'fractal.dev/owner': `group:default/${tenant}`,
        'fractal.dev/requested-by': 'user:default/bench',
      },
    },
    spec: {
      parameters: parameters(kind, i),
      writeConnectionSecretToRef: { name: `conn-${i}` },
    },
  };
}

/** Loads the objects: on `dev`, exactly LIST_SIZE PostgreSQLInstances; the rest spread over kinds and clusters. */
function load(emulator: RunningEmulator): { ms: number; count: number } {
  const started = performance.now();
  const clusters = emulator.clusters.map(c => emulator.cluster(c.name));
  let count = 0;
  for (let i = 0; i < LIST_SIZE; i++) {
    clusters[0].create(
      claim('PostgreSQLInstance', TENANTS[i % TENANTS.length], i),
      { fieldManager: 'fractal' },
    );
    count++;
  }
  for (let i = 0; count < TOTAL_OBJECTS; i++) {
    const cluster = clusters[1 + (i % (clusters.length - 1))];
    const kind = KINDS[i % KINDS.length];
    const onDev = i % 5 === 0 && kind !== 'PostgreSQLInstance';
    (onDev ? clusters[0] : cluster).create(
      claim(kind, TENANTS[(i >> 2) % TENANTS.length], i),
      { fieldManager: 'fractal' },
    );
    count++;
  }
  return { ms: performance.now() - started, count };
}

/** `n` status writes to dev's PostgreSQLInstances, round robin: history for the paged LIST benchmark. */
function churn(emulator: RunningEmulator, n: number, from: number) {
  const started = performance.now();
  const dev = emulator.cluster(emulator.clusters[0].name);
  for (let i = from; i < from + n; i++) {
    dev.updateStatus(
      API,
      'PostgreSQLInstance',
      `postgresqlinstance-${i % LIST_SIZE}`,
      `tenant-${TENANTS[(i % LIST_SIZE) % TENANTS.length]}`,
      { address: `db-${i}.bench.internal` },
    );
  }
  return { churned: n, ms: performance.now() - started };
}

async function main() {
  const stateDir = mkdtempSync(join(tmpdir(), 'fractal-emulator-bench-'));
  const emulator = await startEmulator({
    stateDir,
    clusters: [
      { name: 'dev', port: 0 },
      { name: 'prod-eu', port: 0, environment: 'production' },
      { name: 'prod-us', port: 0, environment: 'production' },
    ],
    seed: false,
    operator: { enabled: false },
    watch: { historySize: HISTORY_SIZE },
  });
  const loaded = load(emulator);
  process.stdout.write(
    `${JSON.stringify({
      clusters: emulator.clusters,
      tokens: emulator.tokens,
      kubeconfigPath: emulator.kubeconfigPath,
      loaded,
    })}\n`,
  );
  const stop = () => {
    emulator
      .stop()
      .then(() => rmSync(stateDir, { recursive: true, force: true }))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  let written = 0;
  createInterface(process.stdin).on('line', line => {
    const [command, count] = line.trim().split(/\s+/);
    if (command !== 'churn') return;
    const n = Number(count);
    process.stdout.write(`${JSON.stringify(churn(emulator, n, written))}\n`);
    written += n;
  });
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(2);
});
