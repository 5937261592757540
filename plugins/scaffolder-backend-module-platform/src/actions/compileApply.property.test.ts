import { mockCredentials } from '@backstage/backend-test-utils';
import {
  defaultSchemaValidatorCache,
  LABEL_TENANT,
  type JsonObject,
  type JsonValue,
} from '@fractal/backstage-plugin-platform-common';
import fc from 'fast-check';
import { actionContext } from '../__testUtils__/actionContext';
import { RecordingCluster } from '../__testUtils__/RecordingCluster';
import { createTestServices } from '../__testUtils__/testServices';
import { createApplyAction } from './applyAction';
import { createCompileAction } from './compileAction';

const USERS = {
  ada: { ref: 'user:default/ada', tenants: ['payments'] },
  grace: { ref: 'user:default/grace', tenants: ['checkout'] },
  alan: { ref: 'user:default/alan', tenants: [] as string[], admin: true },
};
type UserName = keyof typeof USERS;

/** The errors the actions may end with; anything else is a bug. */
const EXPECTED_ERRORS = new Set([
  'InputError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
]);
/** Each error names what was wrong: an input, a manifest field, or the tenant. */
const NAMES_A_FIELD =
  /\b(tenant|name|kind|apiVersion|cluster|environment|parameters|labels|component|spec\.|metadata\.|manifest|input)\b/;

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 3000 }),
  fc.constantFrom(
    '../../etc/passwd',
    'tenant-checkout/orders',
    'a\n---\nkind: Secret\nmetadata: {name: x}',
    '{"$ne": null}',
    '${{ secrets.token }}',
    '\u202Eevil',
    '\uD800',
    'ORDERS',
    'orders.db',
    '-orders',
    'o'.repeat(64),
  ),
);

const name = fc.oneof(
  fc.constantFrom('orders-db', 'ledger', 'a', 'cache-1', 'x'.repeat(63)),
  fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/),
  nasty,
);

const tenant = fc.oneof(
  fc.constantFrom(
    'payments',
    'checkout',
    'search',
    'group:default/payments',
    'group:default/checkout',
    'platform-team',
    'identity',
    'user:default/ada',
  ),
  nasty,
);

const kind = fc.oneof(
  fc.constantFrom('PostgreSQLInstance', 'Bucket', 'Cache', 'Application'),
  fc.constantFrom(
    'platform.fractal.dev/Bucket',
    'Namespace',
    'Secret',
    'other.io/Bucket',
  ),
  nasty,
);

const scalar = fc.oneof(
  fc.integer({ min: -10, max: 5000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  nasty,
  fc.constantFrom(
    '16',
    '14',
    'small',
    'medium',
    'large',
    'redis',
    'eu-west-1',
    'nginx:1.27',
    '02:00-03:00',
  ),
);

const parameterValue = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 12 }),
  fc.dictionary(
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('__proto__', 'constructor', 'retentionDays', 'window'),
    ),
    scalar,
    { maxKeys: 4 },
  ),
);

const parameters = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'storageGB',
      'version',
      'size',
      'highAvailability',
      'backup',
      'extensions',
      'region',
      'versioning',
      'publicAccess',
      'tags',
      'engine',
      'memoryMB',
      'replicas',
      'image',
      'ports',
      'env',
      '__proto__',
      'namespace',
      'tenant',
    ),
    fc.string({ maxLength: 16 }),
  ),
  parameterValue,
  { maxKeys: 6 },
);

const labels = fc.option(
  fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        LABEL_TENANT,
        'fractal.dev/owner',
        'app.kubernetes.io/managed-by',
        'team',
        'crossplane.io/external-name',
      ),
      fc.string({ maxLength: 70 }),
    ),
    fc.oneof(
      fc.constantFrom('checkout', 'payments', 'x'),
      fc.string({ maxLength: 70 }),
    ),
    { maxKeys: 3 },
  ),
  { nil: undefined },
);

const anyRequest = fc.record(
  {
    user: fc.constantFrom<UserName>('ada', 'grace', 'alan'),
    kind,
    tenant,
    name,
    cluster: fc.option(fc.oneof(fc.constantFrom('dev', 'prod-eu'), nasty), {
      nil: undefined,
    }),
    environment: fc.option(
      fc.oneof(fc.constantFrom('development', 'production'), nasty),
      { nil: undefined },
    ),
    parameters: fc.option(parameters, { nil: undefined }),
    labels,
  },
  { requiredKeys: ['user', 'kind', 'tenant', 'name'] },
);

/** Parameters each demo kind accepts. */
const validParameters = {
  PostgreSQLInstance: fc.record(
    {
      storageGB: fc.integer({ min: 10, max: 1000 }),
      version: fc.constantFrom('14', '15', '16'),
      size: fc.constantFrom('small', 'medium', 'large'),
      highAvailability: fc.boolean(),
      extensions: fc.uniqueArray(
        fc.constantFrom('pgcrypto', 'postgis', 'pg_trgm', 'uuid-ossp'),
      ),
    },
    { requiredKeys: [] },
  ),
  Bucket: fc.record(
    {
      region: fc.constantFrom('eu-west-1', 'eu-central-1', 'us-east-1'),
      versioning: fc.boolean(),
      retentionDays: fc.integer({ min: 0, max: 3650 }),
      tags: fc.dictionary(
        fc.stringMatching(/^[a-z]{1,8}$/),
        fc.string({ maxLength: 20 }),
        { maxKeys: 3 },
      ),
    },
    { requiredKeys: [] },
  ),
  Cache: fc.record(
    {
      engine: fc.constantFrom('redis', 'memcached'),
      memoryMB: fc.integer({ min: 1, max: 128 }).map(n => n * 128),
      replicas: fc.integer({ min: 1, max: 5 }),
      evictionPolicy: fc.constantFrom(
        'allkeys-lru',
        'volatile-lru',
        'noeviction',
      ),
    },
    { requiredKeys: [] },
  ),
  Application: fc.record(
    {
      image: fc.constantFrom(
        'nginx',
        'nginx:1.27',
        'registry.example.com/shop/web:2.0',
      ),
      replicas: fc.integer({ min: 1, max: 20 }),
    },
    { requiredKeys: ['image'] },
  ),
};

/** A request a member (or an admin) could send from the form. */
const validRequest = fc
  .record({
    who: fc.constantFrom<[UserName, string]>(
      ['ada', 'payments'],
      ['grace', 'group:default/checkout'],
      ['alan', 'search'],
    ),
    kind: fc.constantFrom<keyof typeof validParameters>(
      'PostgreSQLInstance',
      'Bucket',
      'Cache',
      'Application',
    ),
    name: fc.stringMatching(/^[a-z]([-a-z0-9]{0,30}[a-z0-9])?$/),
  })
  .chain(({ who: [user, owner], kind: kindName, name: resourceName }) =>
    validParameters[kindName].map(params => ({
      user,
      kind: kindName,
      tenant: owner,
      name: resourceName,
      cluster: 'dev',
      parameters: params as Record<string, JsonValue>,
    })),
  );

/** A valid request with one field replaced by something arbitrary. */
const spoiledRequest = fc
  .tuple(
    validRequest,
    anyRequest,
    fc.constantFrom(
      'user',
      'kind',
      'tenant',
      'name',
      'cluster',
      'parameters',
      'labels',
    ),
  )
  .map(([good, bad, field]) => ({
    ...good,
    [field]: bad[field as keyof typeof bad],
  }));

const request = fc.oneof(
  { weight: 2, arbitrary: validRequest },
  { weight: 2, arbitrary: spoiledRequest },
  { weight: 1, arbitrary: anyRequest },
);

function setup() {
  const recording = new RecordingCluster();
  const { services, reports } = createTestServices({
    clusters: [
      { name: 'dev', url: 'https://127.0.0.1:1', environment: 'development' },
    ],
    wrapClient: () => recording,
  });
  return {
    recording,
    reports,
    compile: createCompileAction(services),
    apply: createApplyAction(services),
  };
}

function expectNamedError(error: unknown) {
  expect(error).toBeInstanceOf(Error);
  const { name: errorName, message } = error as Error;
  if (!EXPECTED_ERRORS.has(errorName)) throw error;
  expect(message).toMatch(NAMES_A_FIELD);
}

function expectRefusedWithoutWrites(
  error: unknown,
  recording: RecordingCluster,
) {
  expectNamedError(error);
  expect(recording.writes()).toEqual([]);
}

describe('compile + apply: invalid input never reaches the cluster', () => {
  it('either applies a schema-valid manifest in the tenant namespace, or fails with a named error and writes nothing', async () => {
    const seen = { applied: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(request, async ({ user, ...input }) => {
        const { recording, compile, apply } = setup();
        const who = USERS[user];
        const credentials = mockCredentials.user(who.ref);
        const compiling = actionContext(compile, { input, credentials });
        try {
          await compiling.run();
        } catch (error) {
          expectRefusedWithoutWrites(error, recording);
          seen.refused += 1;
          return;
        }
        const compiled = compiling.outputs();
        const applying = actionContext(apply, {
          input: { manifest: compiled.manifest, cluster: compiled.cluster },
          credentials,
        });
        await applying.run();
        const writes = recording.writes();
        expect(writes.map(w => w.dryRun)).toEqual([true, false]);
        const manifest = writes[1].manifest as JsonObject;
        const metadata = manifest.metadata as JsonObject;
        const owner = (metadata.labels as JsonObject)[LABEL_TENANT] as string;
        expect(metadata.namespace).toBe(`tenant-${owner}`);
        expect('admin' in who || who.tenants.includes(owner)).toBe(true);
        const kindDef = (await recording.listKinds()).find(
          k => k.kind === manifest.kind,
        )!;
        expect(
          defaultSchemaValidatorCache.get(kindDef, kindDef.schema!)(manifest),
        ).toEqual([]);
        seen.applied += 1;
      }),
      { numRuns: 300 },
    );
    // The generators reach both outcomes often enough to mean something.
    expect(seen.applied).toBeGreaterThanOrEqual(60);
    expect(seen.refused).toBeGreaterThanOrEqual(60);
  }, 120_000);

  // A valid change to a form value is what another form input would have
  // compiled to, so apply accepts it; everything below cannot come from input.
  it('refuses a compiled manifest changed beyond what input can set, before anything is applied', async () => {
    type Tamper = { path: readonly string[]; value: JsonValue };
    const tamper: fc.Arbitrary<Tamper> = fc.oneof(
      fc.record({
        path: fc.constant(['metadata', 'namespace']),
        value: fc.constantFrom('tenant-checkout', 'default', 'kube-system'),
      }),
      fc.record({
        path: fc.constant(['metadata', 'labels', LABEL_TENANT]),
        value: fc.constantFrom('checkout', 'search'),
      }),
      fc.record({
        path: fc.constant([
          'metadata',
          'annotations',
          'fractal.dev/requested-by',
        ]),
        value: fc.constant('user:default/grace'),
      }),
      fc.record({
        path: fc.constant(['spec', 'parameters', 'storageGB']),
        value: fc.oneof(
          fc.integer({ min: 1001, max: 10_000 }),
          fc.constant('50'),
          fc.integer({ min: -5, max: 9 }),
        ),
      }),
      fc.record({
        path: fc.constant(['spec', 'compositionRef']),
        value: fc.constant<JsonValue>({ name: 'other' }),
      }),
      fc.record({
        path: fc.constant(['status']),
        value: fc.constant<JsonValue>({ conditions: [] }),
      }),
      fc.record({
        path: fc.constant(['kind']),
        value: fc.constantFrom('Bucket', 'Secret'),
      }),
    );
    const { recording, compile, apply } = setup();
    const compiling = actionContext(compile, {
      input: {
        kind: 'PostgreSQLInstance',
        tenant: 'payments',
        name: 'orders-db',
        parameters: { storageGB: 50 },
      },
    });
    await compiling.run();
    const original = compiling.outputs();
    await fc.assert(
      fc.asyncProperty(tamper, async ({ path, value }) => {
        const manifest: JsonObject = JSON.parse(
          JSON.stringify(original.manifest),
        );
        let node: JsonObject = manifest;
        for (const key of path.slice(0, -1)) {
          node[key] = (node[key] as JsonObject | undefined) ?? {};
          node = node[key] as JsonObject;
        }
        node[path[path.length - 1]] = value;
        const applying = actionContext(apply, {
          input: { manifest, cluster: 'dev' },
        });
        const before = recording.writes().length;
        const error = await applying.run().then(
          () => undefined,
          e => e,
        );
        expectNamedError(error);
        expect(recording.writes().length).toBe(before);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
