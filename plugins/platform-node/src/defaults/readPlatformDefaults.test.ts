import { ConfigReader } from '@backstage/config';
import { readPlatformDefaults } from './readPlatformDefaults';
import { ConfigPlatformDefaultsSource } from './ConfigPlatformDefaultsSource';

const valid = {
  platform: {
    PostgreSQLInstance: { spec: { parameters: { version: '16' } } },
    Bucket: { metadata: { labels: { 'cost-center': 'shared' } } },
  },
  environments: {
    production: {
      PostgreSQLInstance: { spec: { parameters: { highAvailability: true } } },
    },
  },
  tenants: {
    payments: {
      PostgreSQLInstance: { spec: { parameters: { storageGB: 50 } } },
    },
  },
};

function read(defaults: unknown) {
  return readPlatformDefaults(
    new ConfigReader({ platform: { defaults } } as never),
  );
}

describe('readPlatformDefaults', () => {
  it('reads nothing when the key is absent', () => {
    expect(readPlatformDefaults(new ConfigReader({}))).toEqual({
      platform: {},
      environments: {},
      tenants: {},
    });
  });

  it('reads the three layers', () => {
    expect(read(valid)).toEqual(valid);
  });

  it.each<[string, unknown, string]>([
    ['a non-object root', 'x', 'platform.defaults must be an object'],
    [
      'an unknown section',
      { platforms: {} },
      'platform.defaults.platforms is not a known key',
    ],
    [
      'a lower-case kind',
      { platform: { bucket: { spec: {} } } },
      'platform.defaults.platform.bucket is not a platform kind name',
    ],
    [
      'a fragment that is not an object',
      { platform: { Bucket: 3 } },
      'platform.defaults.platform.Bucket must be an object',
    ],
    [
      'a namespace',
      { tenants: { payments: { Bucket: { metadata: { namespace: 'x' } } } } },
      'platform.defaults.tenants.payments.Bucket.metadata.namespace cannot be a default: the namespace comes from the tenant mapping',
    ],
    [
      'a name',
      { platform: { Bucket: { metadata: { name: 'x' } } } },
      'platform.defaults.platform.Bucket.metadata.name cannot be a default',
    ],
    [
      'an apiVersion',
      { platform: { Bucket: { apiVersion: 'v1' } } },
      'platform.defaults.platform.Bucket.apiVersion cannot be a default',
    ],
    [
      "Fractal's tenant label",
      {
        platform: {
          Bucket: {
            metadata: { labels: { 'fractal.dev/tenant': 'checkout' } },
          },
        },
      },
      'platform.defaults.platform.Bucket.metadata.labels["fractal.dev/tenant"] is set by Fractal',
    ],
    [
      'the managed-by label',
      {
        platform: {
          Bucket: {
            metadata: { labels: { 'app.kubernetes.io/managed-by': 'me' } },
          },
        },
      },
      'is set by Fractal',
    ],
    [
      'a non-string annotation',
      { platform: { Bucket: { metadata: { annotations: { a: 1 } } } } },
      'platform.defaults.platform.Bucket.metadata.annotations["a"] must be a string',
    ],
    [
      'a spec that is a list',
      { platform: { Bucket: { spec: [1] } } },
      'platform.defaults.platform.Bucket.spec must be an object',
    ],
    [
      'an environment that is not an object',
      { environments: { production: 'yes' } },
      'platform.defaults.environments.production must be an object keyed by platform kind',
    ],
    [
      'an invalid tenant name',
      { tenants: { 'pay ments': {} } },
      'platform.defaults.tenants.pay ments is not a valid tenant name',
    ],
  ])('rejects %s with a message naming the key', (_name, defaults, message) => {
    expect(() => read(defaults)).toThrow(message);
  });
});

describe('ConfigPlatformDefaultsSource', () => {
  const source = new ConfigPlatformDefaultsSource(read(valid));

  it.each<[string, object, object]>([
    [
      'every layer',
      {
        kind: 'PostgreSQLInstance',
        environment: 'production',
        tenant: 'payments',
      },
      {
        platform: valid.platform.PostgreSQLInstance,
        environment: valid.environments.production.PostgreSQLInstance,
        tenant: valid.tenants.payments.PostgreSQLInstance,
      },
    ],
    [
      'the platform layer only in another environment and tenant',
      {
        kind: 'PostgreSQLInstance',
        environment: 'development',
        tenant: 'search',
      },
      { platform: valid.platform.PostgreSQLInstance },
    ],
    ['nothing for an unknown kind', { kind: 'Cache', tenant: 'payments' }, {}],
  ])('returns %s', async (_name, query, expected) => {
    await expect(
      source.getDefaults(query as { kind: string }),
    ).resolves.toEqual(expected);
  });
});

describe('ConfigPlatformDefaultsSource lookups', () => {
  it('never returns inherited object properties', async () => {
    const source = new ConfigPlatformDefaultsSource(read(valid));
    await expect(
      source.getDefaults({
        kind: 'constructor',
        environment: '__proto__',
        tenant: 'toString',
      }),
    ).resolves.toEqual({});
  });
});
