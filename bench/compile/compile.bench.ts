/*
 * Compile + validate throughput of Fractal's pure compile core over
 * realistic inputs for the four demo kinds. Not a test: it prints figures.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/compile/compile.bench.ts [--rounds 5] [--count 20000]
 *
 * Prints, per mode, the median and min/max manifests per second over the
 * rounds (after a warm-up round): cached vs cold validators side by side,
 * and, for information, cached with the YAML rendered too (compile renders
 * YAML on first read of `.yaml`). Then PASS/FAIL against the target of
 * 5,000 manifests/s (compile + validate, cached validators, median).
 */
import { performance } from 'perf_hooks';
import {
  compileManifest,
  SchemaValidatorCache,
  type CompileManifestInput,
  type JsonObject,
} from '../../plugins/platform-common/src';
import {
  demoInput,
  loadDemoKind,
  type DemoKind,
} from '../../plugins/platform-common/src/compile/__fixtures__/demoKinds';

const TARGET_PER_SECOND = 5_000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} must be a positive number`);
  }
  return value;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run compiles the same inputs. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TENANTS = ['payments', 'checkout', 'search', 'identity', 'analytics'];
const ENVIRONMENTS = ['development', 'production'];

/** Layered defaults as a platform team would configure them. */
const DEFAULTS: Record<DemoKind, Record<string, JsonObject>> = {
  PostgreSQLInstance: {
    platform: {
      spec: { parameters: { version: '16', extensions: ['pgcrypto'] } },
    },
    production: {
      spec: {
        parameters: { highAvailability: true, backup: { retentionDays: 14 } },
      },
    },
    payments: {
      spec: { parameters: { storageGB: 50 } },
      metadata: { labels: { 'cost-center': '4711' } },
    },
  },
  Bucket: {
    platform: { spec: { parameters: { region: 'eu-west-1' } } },
    production: { spec: { parameters: { versioning: true } } },
    payments: {
      metadata: { annotations: { 'example.com/data-class': 'confidential' } },
    },
  },
  Cache: {
    platform: { spec: { parameters: { engine: 'redis' } } },
    production: { spec: { parameters: { replicas: 3 } } },
    payments: { spec: { parameters: { memoryMB: 1024 } } },
  },
  Application: {
    platform: {
      spec: { parameters: { replicas: 2, healthCheckPath: '/healthz' } },
    },
    production: {
      spec: {
        parameters: {
          replicas: 4,
          resources: { cpu: '500m', memory: '512Mi' },
        },
      },
    },
    payments: { metadata: { labels: { 'cost-center': '4711' } } },
  },
};

function userInput(kind: DemoKind, next: () => number): JsonObject {
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(next() * items.length)];
  switch (kind) {
    case 'PostgreSQLInstance':
      return {
        spec: {
          parameters: {
            size: pick(['small', 'medium', 'large']),
            storageGB: 10 + Math.floor(next() * 990),
            ...(next() < 0.3 ? { extensions: ['postgis', 'pg_trgm'] } : {}),
          },
        },
      };
    case 'Bucket':
      return {
        spec: {
          parameters: {
            publicAccess: false,
            retentionDays: Math.floor(next() * 365),
            tags: {
              team: 'core',
              'cost-center': String(1000 + Math.floor(next() * 9000)),
            },
            lifecycle: [{ prefix: 'tmp/', expireAfterDays: 7 }],
          },
        },
      };
    case 'Cache':
      return {
        spec: {
          parameters: {
            memoryMB: 128 * (1 + Math.floor(next() * 16)),
            ttlSeconds: 300,
          },
        },
      };
    case 'Application':
      return {
        spec: {
          parameters: {
            image: `registry.example.com/${pick(TENANTS)}/service-${Math.floor(
              next() * 100,
            )}:1.${Math.floor(next() * 20)}.0`,
            replicas: 1 + Math.floor(next() * 10),
            ports: [
              { name: 'http', containerPort: 8080 },
              { name: 'metrics', containerPort: 9090 },
            ],
            env: [{ name: 'LOG_LEVEL', value: 'info' }],
            ingress: { host: `svc-${Math.floor(next() * 100)}.example.com` },
          },
        },
        metadata: { labels: { app: 'storefront' } },
      };
    default:
      return {};
  }
}

function buildInputs(size: number): CompileManifestInput[] {
  const next = random(42);
  const kinds: DemoKind[] = [
    'PostgreSQLInstance',
    'Bucket',
    'Cache',
    'Application',
  ];
  // One definition per kind, as the backend holds one per served CRD version.
  const definitions = new Map(kinds.map(k => [k, loadDemoKind(k)]));
  const inputs: CompileManifestInput[] = [];
  for (let i = 0; i < size; i++) {
    const kind = kinds[i % kinds.length];
    const tenant = TENANTS[i % TENANTS.length];
    const environment = ENVIRONMENTS[Math.floor(next() * ENVIRONMENTS.length)];
    const layers = DEFAULTS[kind];
    inputs.push(
      demoInput(kind, {
        kind: definitions.get(kind),
        name: `${kind.toLowerCase()}-${i}`,
        tenant,
        namespace: `tenant-${tenant}`,
        environment,
        cluster: environment === 'production' ? 'prod-eu' : 'dev',
        owner: `group:default/${tenant}`,
        requestedBy: 'user:default/ada',
        component:
          next() < 0.5 ? `component:default/service-${i % 40}` : undefined,
        defaults: {
          platform: layers.platform,
          environment:
            environment === 'production' ? layers.production : undefined,
          tenant: tenant === 'payments' ? layers.payments : undefined,
        },
        user: userInput(kind, next),
      }),
    );
  }
  return inputs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `rounds` timed rounds of `count` compiles (after one untimed warm-up); returns manifests/s per round. */
function measure(
  inputs: CompileManifestInput[],
  rounds: number,
  count: number,
  compile: (input: CompileManifestInput) => void,
): number[] {
  const rates: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < count; i++) compile(inputs[i % inputs.length]);
    const seconds = (performance.now() - start) / 1000;
    if (round >= 0) rates.push(count / seconds);
  }
  return rates;
}

function format(rate: number): string {
  return Math.round(rate).toLocaleString('en-US').padStart(9);
}

function main() {
  const rounds = arg('rounds', 5);
  const count = arg('count', 20_000);
  const coldCount = Math.max(10, Math.round(count / 400));
  const inputs = buildInputs(400);

  const cache = new SchemaValidatorCache();
  const cached = measure(inputs, rounds, count, input => {
    compileManifest(input, { validators: cache });
  });
  const cold = measure(inputs, rounds, coldCount, input => {
    compileManifest(input, { validators: false });
  });
  const withYamlCount = Math.max(100, Math.round(count / 10));
  const withYaml = measure(inputs, rounds, withYamlCount, input => {
    if (compileManifest(input, { validators: cache }).yaml.length === 0) {
      throw new Error('empty YAML');
    }
  });

  console.log(
    `compile + validate, 4 demo kinds, ${inputs.length} distinct inputs, ${rounds} rounds (+1 warm-up)`,
  );
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('');
  console.log(
    'mode                          manifests/round   median/s      min/s      max/s',
  );
  for (const [label, rates, perRound] of [
    ['cached validators (bounded)', cached, count],
    ['cold (compiled every call)', cold, coldCount],
    ['cached + YAML rendered', withYaml, withYamlCount],
  ] as const) {
    console.log(
      `${label.padEnd(30)}${String(perRound).padStart(15)} ${format(
        median(rates),
      )} ${format(Math.min(...rates))} ${format(Math.max(...rates))}`,
    );
  }
  const ratio = median(cached) / median(cold);
  console.log('');
  console.log(`cached / cold: ${ratio.toFixed(1)}x`);
  const pass = median(cached) >= TARGET_PER_SECOND;
  console.log(
    `target >= ${TARGET_PER_SECOND.toLocaleString(
      'en-US',
    )} manifests/s (compile + validate, cached, median): ${
      pass ? 'PASS' : 'FAIL'
    }`,
  );
  if (!pass) process.exitCode = 1;
}

main();
