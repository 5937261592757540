import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'util';
import { parse } from 'yaml';
import type { JsonObject, JsonValue } from '../api/types';
import {
  demoInput,
  loadDemoKind,
  type DemoKind,
} from './__fixtures__/demoKinds';
import {
  nastyString,
  valueFor,
  wrongValue,
  type Examples,
} from './__testUtils__/arbitraries';
import { independentValidate } from './__testUtils__/independentValidate';
import { compileManifest } from './compileManifest';
import { fieldErrorsOf, type FieldError } from './CompileInputError';
import type { CompileManifestInput } from './types';

const EXAMPLES: Examples = {
  '.backup.window': ['02:00-03:00', '23:30-00:30', '2am'],
  '.maintenanceWindow': ['Sun:03:00', 'Mon:23:59', null, 'someday'],
  '.image': [
    'nginx',
    'registry.example.com/checkout/storefront:1.8.2',
    'localhost:5000/team/app',
    `ghcr.io/org/app@sha256:${'a'.repeat(64)}`,
    'NGINX',
  ],
  '.ports[].name': ['http', 'grpc', 'metrics', 'HTTP'],
  '.env[].name': ['FOO', 'LOG_LEVEL', '1BAD'],
  '.resources.cpu': ['250m', '1', '0.5', 2, '1.5.5'],
  '.resources.memory': ['256Mi', '1Gi', 512, 'lots'],
  '.healthCheckPath': ['/healthz', '/ready', 'healthz'],
  '.ingress.host': ['shop.example.com', 'a.b.c', 'shop example.com'],
};

const KINDS: DemoKind[] = [
  'PostgreSQLInstance',
  'Bucket',
  'Cache',
  'Application',
];
const FRACTAL_LABELS = [
  'fractal.dev/tenant',
  'fractal.dev/component',
  'fractal.dev/environment',
  'app.kubernetes.io/managed-by',
];
const FRACTAL_ANNOTATIONS = [
  'fractal.dev/owner',
  'fractal.dev/requested-by',
  'fractal.dev/template',
  'fractal.dev/created-via',
  'fractal.dev/component-ref',
];
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function parametersSchema(kind: DemoKind): JsonObject {
  const root = loadDemoKind(kind).schema.properties as JsonObject;
  return ((root.spec as JsonObject).properties as JsonObject)
    .parameters as JsonObject;
}

function countLeaves(value: JsonValue): number {
  if (Array.isArray(value))
    return value.length
      ? value.reduce<number>((n, v) => n + countLeaves(v), 0)
      : 1;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length
      ? keys.reduce((n, k) => n + countLeaves(value[k]), 0)
      : 1;
  }
  return 1;
}

type Outcome = { compiled: true } | { compiled: false; errors: FieldError[] };

/**
 * The contract of compile for any input: it throws nothing but an
 * InputError naming fields, or it returns a manifest that an independent
 * check finds schema-valid, with the trusted identity and Fractal's keys.
 */
/** A cheap assertion for the hot loop (Jest's expect captures a stack per call). */
function check(condition: boolean, message: string, detail?: unknown): void {
  if (!condition) {
    throw new Error(
      detail === undefined ? message : `${message}: ${fc.stringify(detail)}`,
    );
  }
}

function checkContract(input: CompileManifestInput): Outcome {
  let compiled;
  try {
    compiled = compileManifest(input);
  } catch (error) {
    if (!InputError.is(error)) throw error;
    const errors = fieldErrorsOf(error) ?? [];
    check(errors.length > 0, 'an InputError without field errors');
    for (const e of errors) {
      check(
        typeof e.path === 'string' && e.path.length > 0 && e.message.length > 0,
        'a field error without path or message',
        e,
      );
    }
    check(
      error.message.includes(errors[0].path),
      'the message does not name the field',
      error.message,
    );
    return { compiled: false, errors };
  }
  const { manifest } = compiled;
  const kind = input.kind;
  const specSchema = (kind.schema.properties as JsonObject).spec as JsonObject;
  const problems = independentValidate(specSchema, manifest.spec, 'spec');
  check(problems.length === 0, 'schema-invalid manifest', problems);
  check(manifest.apiVersion === `${kind.group}/${kind.version}`, 'apiVersion');
  check(manifest.kind === kind.kind, 'kind');
  const metadata = manifest.metadata as JsonObject;
  check(
    isDeepStrictEqual(Object.keys(metadata).sort(), [
      'annotations',
      'labels',
      'name',
      'namespace',
    ]),
    'unexpected metadata fields',
    metadata,
  );
  check(metadata.name === input.name, 'name');
  check(
    DNS_LABEL.test(input.name) && input.name.length <= 63,
    'a name that is not a DNS-1123 label compiled',
    input.name,
  );
  check(metadata.namespace === input.namespace, 'namespace', metadata);
  check(compiled.namespace === input.namespace, 'result namespace');
  const labels = metadata.labels as Record<string, string>;
  const annotations = metadata.annotations as Record<string, string>;
  check(labels['fractal.dev/tenant'] === input.tenant, 'tenant label', labels);
  check(
    labels['fractal.dev/environment'] === input.environment,
    'environment label',
  );
  check(
    labels['app.kubernetes.io/managed-by'] === 'fractal',
    'managed-by label',
  );
  const owner = stringifyEntityRef(
    parseEntityRef(input.owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  );
  check(
    annotations['fractal.dev/owner'] === owner,
    'owner annotation',
    annotations,
  );
  check(
    annotations['fractal.dev/created-via'] === 'portal',
    'created-via annotation',
  );
  for (const key of Object.keys(labels)) {
    if (key.startsWith('fractal.dev/') || key.includes('.fractal.dev/')) {
      check(FRACTAL_LABELS.includes(key), 'a foreign Fractal label', key);
    }
    check(
      LABEL_VALUE.test(labels[key]) && labels[key].length <= 63,
      'an invalid label value',
      labels[key],
    );
  }
  for (const key of Object.keys(annotations)) {
    if (key.includes('fractal.dev/')) {
      check(
        FRACTAL_ANNOTATIONS.includes(key),
        'a foreign Fractal annotation',
        key,
      );
    }
  }
  check(
    isDeepStrictEqual(parse(compiled.yaml), manifest),
    'YAML 1.2 round trip',
    compiled.yaml,
  );
  check(
    isDeepStrictEqual(parse(compiled.yaml, { version: '1.1' }), manifest),
    'YAML 1.1 round trip',
    compiled.yaml,
  );
  check(
    isDeepStrictEqual(JSON.parse(JSON.stringify(manifest)), manifest),
    'JSON round trip',
  );
  const paths = compiled.provenance.map(e => e.path);
  check(new Set(paths).size === paths.length, 'duplicate provenance paths');
  check(paths.length === countLeaves(manifest), 'a leaf without provenance');
  return { compiled: true };
}

/** Runs the contract as a property; returns how often each outcome occurred. */
function runContract(
  arbitrary: fc.Arbitrary<CompileManifestInput>,
  numRuns: number,
) {
  const counts = { compiled: 0, refused: 0 };
  fc.assert(
    fc.property(arbitrary, input => {
      if (checkContract(input).compiled) counts.compiled += 1;
      else counts.refused += 1;
    }),
    { numRuns },
  );
  return counts;
}

const defaultsArb = fc.option(
  fc.constant({
    platform: {
      spec: { parameters: {} },
      metadata: { labels: { 'cost-center': '4711' } },
    },
    environment: {
      metadata: { annotations: { 'example.com/env-note': 'development' } },
    },
  }),
);

describe('compileManifest properties', () => {
  it.each(KINDS)('%s: parameters of every shape (1,500 runs)', kind => {
    const parameters = valueFor(parametersSchema(kind), EXAMPLES);
    const arbitrary = fc
      .tuple(parameters, defaultsArb)
      .map(([params, defaults]) =>
        demoInput(kind, {
          user: { spec: { parameters: params } },
          ...(defaults ? { defaults } : {}),
        }),
      );
    const counts = runContract(arbitrary, 1_500);
    // Both outcomes must occur often enough for the property to mean something.
    expect(counts.compiled).toBeGreaterThan(45);
    expect(counts.refused).toBeGreaterThan(45);
  });

  it('attempts to set the namespace, another tenant or Fractal keys are refused by name (2,000 runs)', () => {
    const ownedKey = fc.constantFrom(
      ...FRACTAL_LABELS,
      ...FRACTAL_ANNOTATIONS,
      'a.fractal.dev/x',
      'fractal.dev/anything',
    );
    const reservedKey = fc.constantFrom(
      'crossplane.io/external-name',
      'crossplane.io/paused',
      'kubernetes.io/x',
      'node.k8s.io/y',
    );
    const benignKey = fc.constantFrom(
      'team',
      'example.com/ticket',
      'cost-center',
      'app',
    );
    const key = fc.oneof(
      { arbitrary: benignKey, weight: 6 },
      { arbitrary: ownedKey, weight: 2 },
      { arbitrary: reservedKey, weight: 1 },
      { arbitrary: nastyString, weight: 1 },
    );
    const value = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          'checkout',
          'payments',
          'fractal',
          'portal',
          'group:default/checkout',
        ),
        weight: 4,
      },
      { arbitrary: nastyString, weight: 1 },
    );
    const keyed = fc.dictionary(key, value, { maxKeys: 3 });
    const metadata = fc.record(
      {
        namespace: fc.oneof(
          fc.constantFrom(
            'tenant-checkout',
            'kube-system',
            '../tenant-checkout',
          ),
          nastyString,
        ),
        labels: keyed,
        annotations: keyed,
        name: fc.constantFrom('other-db', '../x'),
        finalizers: fc.constant(['x']),
      },
      { requiredKeys: [] },
    );
    const spec = fc.record(
      {
        parameters: valueFor(
          parametersSchema('PostgreSQLInstance'),
          EXAMPLES,
          '',
          0,
        ),
        resourceRef: fc.constant({
          apiVersion: 'platform.fractal.dev/v1alpha1',
          kind: 'XPostgreSQLInstance',
          name: 'theirs',
        }),
        writeConnectionSecretToRef: fc.constantFrom(
          { name: 'conn' },
          { name: 'conn', namespace: 'tenant-checkout' },
        ),
        compositeDeletePolicy: fc.constantFrom('Background', 'Foreground'),
      },
      { requiredKeys: [] },
    );
    const attack = fc.record(
      {
        spec,
        metadata: fc.oneof(
          { arbitrary: metadata, weight: 5 },
          { arbitrary: wrongValue, weight: 1 },
        ),
        apiVersion: fc.constant('v1'),
        kind: fc.constant('Secret'),
        status: fc.constant({}),
      },
      { requiredKeys: [] },
    );
    const benign = fc.record({
      spec: fc.record({
        parameters: valueFor(
          parametersSchema('PostgreSQLInstance'),
          EXAMPLES,
          '',
          0,
        ),
      }),
      metadata: fc.record({
        labels: fc.dictionary(benignKey, value, { maxKeys: 3 }),
      }),
    });
    const user = fc.oneof(
      { arbitrary: benign, weight: 1 },
      { arbitrary: attack, weight: 2 },
    );
    let compiled = 0;
    fc.assert(
      fc.property(user, userValue => {
        const outcome = checkContract(
          demoInput('PostgreSQLInstance', { user: userValue }),
        );
        const meta = (userValue as { metadata?: unknown }).metadata;
        const expected: string[] = [];
        if (
          meta &&
          typeof meta === 'object' &&
          !Array.isArray(meta) &&
          Object.getPrototypeOf(meta) === Object.prototype
        ) {
          const m = meta as Record<string, unknown>;
          if ('namespace' in m) expected.push('metadata.namespace');
          for (const group of ['labels', 'annotations']) {
            for (const k of Object.keys((m[group] as object) ?? {})) {
              if (
                k === 'app.kubernetes.io/managed-by' ||
                /(^|\.)fractal\.dev\//.test(k)
              ) {
                expected.push(`metadata.${group}[${JSON.stringify(k)}]`);
              }
            }
          }
        }
        if (expected.length === 0) {
          if (outcome.compiled) compiled += 1;
          return;
        }
        check(!outcome.compiled, 'compiled despite', expected);
        const paths = outcome.compiled ? [] : outcome.errors.map(e => e.path);
        for (const path of expected) {
          check(paths.includes(path), `${path} not named`, paths);
        }
      }),
      { numRuns: 2_000 },
    );
    expect(compiled).toBeGreaterThan(50);
  });

  it('any user value at all (1,500 runs)', () => {
    const user = fc.oneof(
      wrongValue,
      fc.record({ spec: wrongValue }, { requiredKeys: [] }),
      fc.record(
        { spec: fc.record({ parameters: wrongValue }, { requiredKeys: [] }) },
        { requiredKeys: [] },
      ),
      fc.record({
        spec: fc.record({
          parameters: valueFor(parametersSchema('Bucket'), EXAMPLES, '', 0),
        }),
      }),
      fc.jsonValue({ maxDepth: 4 }),
    );
    const counts = runContract(
      user.map(value => demoInput('Bucket', { user: value })),
      1_500,
    );
    // Both outcomes must occur often enough for the property to mean something.
    expect(counts.compiled).toBeGreaterThan(45);
    expect(counts.refused).toBeGreaterThan(45);
  });

  it('trusted identity inputs of every shape (1,000 runs)', () => {
    const maybe = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof(
        { arbitrary: valid, weight: 10 },
        { arbitrary: nastyString, weight: 1 },
        { arbitrary: wrongValue, weight: 1 },
      );
    const identity = fc.record({
      name: maybe(fc.constantFrom('orders-db', 'a', 'x'.repeat(63), 'db-01')),
      tenant: maybe(fc.constantFrom('payments', 'checkout', 'Search_Team')),
      namespace: maybe(fc.constantFrom('tenant-payments', 'tenant-checkout')),
      environment: maybe(fc.constantFrom('development', 'production')),
      cluster: maybe(fc.constantFrom('dev', 'prod-eu')),
      owner: maybe(
        fc.constantFrom(
          'group:default/payments',
          'payments',
          'group:teams/checkout',
        ),
      ),
      requestedBy: maybe(fc.constantFrom('user:default/ada', 'ada')),
      template: maybe(
        fc.constantFrom(
          'template:default/postgresql-instance',
          'postgresql-instance',
        ),
      ),
    });
    const counts = runContract(
      identity.map(id =>
        demoInput('Cache', id as unknown as Partial<CompileManifestInput>),
      ),
      1_000,
    );
    // Both outcomes must occur often enough for the property to mean something.
    expect(counts.compiled).toBeGreaterThan(50);
    expect(counts.refused).toBeGreaterThan(50);
  });
});
