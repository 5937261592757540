import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import fc from 'fast-check';
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
function checkContract(input: CompileManifestInput): Outcome {
  let compiled;
  try {
    compiled = compileManifest(input);
  } catch (error) {
    if (!InputError.is(error)) throw error;
    const errors = fieldErrorsOf(error);
    expect(errors?.length).toBeGreaterThan(0);
    for (const e of errors ?? []) {
      expect(typeof e.path).toBe('string');
      expect(e.path.length).toBeGreaterThan(0);
      expect(e.message.length).toBeGreaterThan(0);
    }
    expect(error.message).toContain(errors?.[0].path);
    return { compiled: false, errors: errors ?? [] };
  }
  const { manifest } = compiled;
  const kind = input.kind;
  const specSchema = (kind.schema.properties as JsonObject).spec as JsonObject;
  expect(independentValidate(specSchema, manifest.spec, 'spec')).toEqual([]);
  expect(manifest.apiVersion).toBe(`${kind.group}/${kind.version}`);
  expect(manifest.kind).toBe(kind.kind);
  const metadata = manifest.metadata as JsonObject;
  expect(Object.keys(metadata).sort()).toEqual([
    'annotations',
    'labels',
    'name',
    'namespace',
  ]);
  expect(metadata.name).toBe(input.name);
  expect(DNS_LABEL.test(input.name) && input.name.length <= 63).toBe(true);
  expect(metadata.namespace).toBe(input.namespace);
  expect(compiled.namespace).toBe(input.namespace);
  const labels = metadata.labels as Record<string, string>;
  const annotations = metadata.annotations as Record<string, string>;
  expect(labels['fractal.dev/tenant']).toBe(input.tenant);
  expect(labels['fractal.dev/environment']).toBe(input.environment);
  expect(labels['app.kubernetes.io/managed-by']).toBe('fractal');
  expect(annotations['fractal.dev/owner']).toBe(
    stringifyEntityRef(
      parseEntityRef(input.owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ),
  );
  expect(annotations['fractal.dev/created-via']).toBe('portal');
  for (const key of Object.keys(labels)) {
    if (key.startsWith('fractal.dev/') || key.includes('.fractal.dev/'))
      expect(FRACTAL_LABELS).toContain(key);
    expect(LABEL_VALUE.test(labels[key]) && labels[key].length <= 63).toBe(
      true,
    );
  }
  for (const key of Object.keys(annotations)) {
    if (key.includes('fractal.dev/'))
      expect(FRACTAL_ANNOTATIONS).toContain(key);
  }
  expect(parse(compiled.yaml)).toEqual(manifest);
  expect(parse(compiled.yaml, { version: '1.1' })).toEqual(manifest);
  expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
  const paths = compiled.provenance.map(e => e.path);
  expect(new Set(paths).size).toBe(paths.length);
  expect(paths.length).toBe(countLeaves(manifest));
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
        expect(outcome.compiled).toBe(false);
        const paths = outcome.compiled ? [] : outcome.errors.map(e => e.path);
        expect(paths).toEqual(expect.arrayContaining(expected));
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
