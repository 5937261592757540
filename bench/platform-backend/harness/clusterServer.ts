/* The clusters of the platform-backend benchmarks, in their own process (as real
 * clusters would be): 3 emulated clusters loaded with BENCH_OBJECTS claims, most of
 * them Ready, ENTITY_RESOURCES of them labelled for one component. Prints one JSON
 * line with the clusters and tokens, then waits for SIGTERM. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@fractal/cluster-emulator';
import {
  API,
  type BenchClaim,
  claimAt,
  CLUSTERS,
  conditions,
  TENANTS,
} from './benchClaims';

const TOTAL = Number(process.env.BENCH_OBJECTS ?? 50_000);
const ENTITY_RESOURCES = Number(process.env.BENCH_ENTITY_RESOURCES ?? 50);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
function parameters(kind: string, i: number): Record<string, unknown> {
  switch (kind) {
    case 'PostgreSQLInstance':
      return {
        storageGB: 20 + (i % 50) * 10,
        size: ['small', 'medium', 'large'][i % 3],
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

function manifest(claim: BenchClaim, i: number) {
  return {
    apiVersion: API,
    kind: claim.kind,
    metadata: {
      name: claim.name,
      namespace: claim.namespace,
      labels: {
        'fractal.dev/tenant': claim.tenant,
        'fractal.dev/component': claim.component,
        'app.kubernetes.io/managed-by': 'fractal',
      },
      annotations: {
        'fractal.dev/created-via': 'portal',
        'fractal.dev/owner': `group:default/${claim.tenant}`,
        'fractal.dev/requested-by': 'user:default/bench',
      },
    },
    spec: {
      parameters: parameters(claim.kind, i),
      writeConnectionSecretToRef: { name: `conn-${i}` },
    },
  };
}

/** Loads every claim with its status. */
function load(emulator: RunningEmulator): number {
  const at = new Date(Date.now() - 3600_000).toISOString();
  for (let i = 0; i < TOTAL; i++) {
    const claim = claimAt(i, ENTITY_RESOURCES);
    const cluster = emulator.cluster(claim.cluster);
    cluster.create(manifest(claim, i), { fieldManager: 'fractal' });
    cluster.updateStatus(API, claim.kind, claim.name, claim.namespace, {
      conditions: conditions(claim.ready, at),
    });
  }
  return TOTAL;
}

async function main() {
  const stateDir = mkdtempSync(join(tmpdir(), 'fractal-platform-bench-'));
  const emulator = await startEmulator({
    stateDir,
    clusters: CLUSTERS.map(name => ({
      name,
      port: 0,
      environment: name === 'dev' ? 'development' : 'production',
    })),
    tenants: TENANTS,
    seed: false,
    operator: { enabled: false },
    eventTtlMs: 3600_000,
  });
  const started = performance.now();
  const count = load(emulator);
  const loadMs = performance.now() - started;
  if (LATENCY_MS > 0) {
    for (const c of emulator.clusters)
      emulator.setFaults(c.name, { latencyMs: LATENCY_MS });
  }
  process.stdout.write(
    `${JSON.stringify({
      clusters: emulator.clusters,
      tokens: emulator.tokens,
      loaded: { count, ms: loadMs },
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
}

if (require.main === module) {
  main().catch(error => {
    process.stderr.write(
      `${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(2);
  });
}
