import { InputError } from '@backstage/errors';
import type { JsonObject } from '../api/types';
import {
  demoInput,
  loadDemoKind,
  type DemoKind,
} from './__fixtures__/demoKinds';
import { compileManifest } from './compileManifest';
import { fieldErrorsOf, type FieldError } from './CompileInputError';
import type { CompileManifestInput } from './types';

function errorsOf(input: CompileManifestInput): FieldError[] {
  let thrown: unknown;
  try {
    compileManifest(input);
  } catch (error) {
    thrown = error;
  }
  expect(InputError.is(thrown)).toBe(true);
  return fieldErrorsOf(thrown) ?? [];
}

const params = (parameters: unknown) => ({ spec: { parameters } });

describe('compileManifest: refused input', () => {
  it.each<[string, DemoKind, Partial<CompileManifestInput>, FieldError[]]>([
    // Trusted identity inputs.
    [
      'a name longer than 63',
      'PostgreSQLInstance',
      { name: 'a'.repeat(64) },
      [{ path: 'name', message: 'must be no more than 63 characters' }],
    ],
    [
      'an uppercase name',
      'PostgreSQLInstance',
      { name: 'Orders' },
      [{ path: 'name', message: expect.stringMatching(/DNS-1123 label/) }],
    ],
    [
      'a name with a path trick',
      'PostgreSQLInstance',
      { name: '../orders' },
      [{ path: 'name', message: expect.stringMatching(/DNS-1123 label/) }],
    ],
    [
      'a namespaced kind without namespace',
      'PostgreSQLInstance',
      { namespace: undefined },
      [{ path: 'namespace', message: 'must be a non-empty string' }],
    ],
    [
      'a namespace that is not a label',
      'PostgreSQLInstance',
      { namespace: 'tenant/payments' },
      [{ path: 'namespace', message: expect.stringMatching(/DNS-1123 label/) }],
    ],
    [
      'a tenant that is not a label value',
      'PostgreSQLInstance',
      { tenant: 'pay ments' },
      [{ path: 'tenant', message: expect.stringMatching(/letters, digits/) }],
    ],
    [
      'an owner that is not an entity ref',
      'PostgreSQLInstance',
      { owner: 'group:default/' },
      [
        {
          path: 'owner',
          message: expect.stringMatching(/must be an entity ref/),
        },
      ],
    ],
    [
      'a component name that is not a label value',
      'PostgreSQLInstance',
      { component: 'component:default/a b' },
      [
        {
          path: 'component',
          message: expect.stringMatching(/letters, digits/),
        },
      ],
    ],
    // Fields user input may not set.
    [
      'metadata.namespace',
      'PostgreSQLInstance',
      { user: { metadata: { namespace: 'tenant-checkout' } } },
      [
        {
          path: 'metadata.namespace',
          message: expect.stringMatching(/namespace mapping/),
          layer: 'user',
        },
      ],
    ],
    [
      'another tenant label',
      'PostgreSQLInstance',
      { user: { metadata: { labels: { 'fractal.dev/tenant': 'checkout' } } } },
      [
        {
          path: 'metadata.labels["fractal.dev/tenant"]',
          message: 'is set by Fractal and cannot be set by input',
          layer: 'user',
        },
      ],
    ],
    [
      'the managed-by label',
      'PostgreSQLInstance',
      {
        user: {
          metadata: { labels: { 'app.kubernetes.io/managed-by': 'me' } },
        },
      },
      [
        {
          path: 'metadata.labels["app.kubernetes.io/managed-by"]',
          message: 'is set by Fractal and cannot be set by input',
          layer: 'user',
        },
      ],
    ],
    [
      'a Fractal annotation under a subdomain',
      'PostgreSQLInstance',
      {
        user: {
          metadata: {
            annotations: { 'x.fractal.dev/owner': 'group:default/checkout' },
          },
        },
      },
      [
        {
          path: 'metadata.annotations["x.fractal.dev/owner"]',
          message: 'is set by Fractal and cannot be set by input',
          layer: 'user',
        },
      ],
    ],
    [
      'a Crossplane annotation',
      'PostgreSQLInstance',
      {
        user: {
          metadata: {
            annotations: { 'crossplane.io/external-name': 'their-db' },
          },
        },
      },
      [
        {
          path: 'metadata.annotations["crossplane.io/external-name"]',
          message: 'is reserved for Kubernetes and Crossplane controllers',
          layer: 'user',
        },
      ],
    ],
    [
      'metadata.name and finalizers',
      'PostgreSQLInstance',
      { user: { metadata: { name: 'x', finalizers: ['a'] } } },
      [
        {
          path: 'metadata.name',
          message: 'cannot be set here: the name is a separate input',
          layer: 'user',
        },
        {
          path: 'metadata.finalizers',
          message: 'cannot be set: only labels and annotations can',
          layer: 'user',
        },
      ],
    ],
    [
      'apiVersion, kind and status',
      'PostgreSQLInstance',
      { user: { apiVersion: 'v1', kind: 'Secret', status: {} } },
      [
        {
          path: 'apiVersion',
          message: expect.stringMatching(/only spec/),
          layer: 'user',
        },
        {
          path: 'kind',
          message: expect.stringMatching(/only spec/),
          layer: 'user',
        },
        {
          path: 'status',
          message: expect.stringMatching(/only spec/),
          layer: 'user',
        },
      ],
    ],
    [
      'a composite binding',
      'PostgreSQLInstance',
      {
        user: {
          spec: {
            resourceRef: {
              apiVersion: 'platform.fractal.dev/v1alpha1',
              kind: 'XPostgreSQLInstance',
              name: 'theirs',
            },
          },
        },
      },
      [
        {
          path: 'spec.resourceRef',
          message: 'is decided by the platform and cannot be set by input',
          layer: 'user',
        },
      ],
    ],
    [
      'a connection secret in another namespace',
      'PostgreSQLInstance',
      {
        user: {
          spec: {
            writeConnectionSecretToRef: {
              name: 's',
              namespace: 'tenant-checkout',
            },
          },
        },
      },
      [
        {
          path: 'spec.writeConnectionSecretToRef.namespace',
          message: expect.stringMatching(/resource namespace/),
          layer: 'user',
        },
      ],
    ],
    [
      'Fractal labels in tenant defaults',
      'PostgreSQLInstance',
      {
        defaults: {
          tenant: { metadata: { labels: { 'fractal.dev/tenant': 'x' } } },
        },
      },
      [
        {
          path: 'metadata.labels["fractal.dev/tenant"]',
          message: 'is set by Fractal and cannot be set by input',
          layer: 'tenant',
        },
      ],
    ],
    [
      'an invalid label value',
      'PostgreSQLInstance',
      { user: { metadata: { labels: { team: 'a b' } } } },
      [
        {
          path: 'metadata.labels.team',
          message: expect.stringMatching(/not a valid label value/),
          layer: 'user',
        },
      ],
    ],
    [
      'a label key with an empty prefix',
      'PostgreSQLInstance',
      { user: { metadata: { labels: { '/team': 'a' } } } },
      [
        {
          path: 'metadata.labels["/team"]',
          message: 'is not a valid label key: it has an empty prefix',
          layer: 'user',
        },
      ],
    ],
    [
      'user input that is not an object',
      'PostgreSQLInstance',
      { user: ['spec'] },
      [
        {
          path: 'user',
          message: 'must be an object (a partial manifest)',
          layer: 'user',
        },
      ],
    ],
    // Input that is not plain JSON.
    [
      'a __proto__ key',
      'PostgreSQLInstance',
      {
        user: JSON.parse(
          '{"spec":{"parameters":{"__proto__":{"admin":true}}}}',
        ),
      },
      [
        {
          path: 'spec.parameters.__proto__',
          message: 'is a forbidden key (prototype pollution)',
          layer: 'user',
        },
      ],
    ],
    [
      'constructor and prototype keys',
      'PostgreSQLInstance',
      {
        user: {
          spec: { constructor: { prototype: 1 } },
          metadata: { labels: { prototype: 'x' } },
        },
      },
      [
        {
          path: 'spec.constructor',
          message: 'is a forbidden key (prototype pollution)',
          layer: 'user',
        },
        {
          path: 'metadata.labels.prototype',
          message: 'is a forbidden key (prototype pollution)',
          layer: 'user',
        },
      ],
    ],
    [
      'NaN, a function and a lone surrogate',
      'PostgreSQLInstance',
      {
        user: params({
          storageGB: Number.NaN,
          size: () => 'small',
          version: '\ud800',
        }),
      },
      [
        {
          path: 'spec.parameters.storageGB',
          message: 'must be a finite number',
          layer: 'user',
        },
        {
          path: 'spec.parameters.size',
          message: 'must be a JSON value, got function',
          layer: 'user',
        },
        {
          path: 'spec.parameters.version',
          message: expect.stringMatching(/unpaired UTF-16 surrogate/),
          layer: 'user',
        },
      ],
    ],
    [
      'a class instance',
      'PostgreSQLInstance',
      { user: params({ backup: new Date(0) }) },
      [
        {
          path: 'spec.parameters.backup',
          message: 'must be a plain JSON object',
          layer: 'user',
        },
      ],
    ],
    // Schema validation.
    [
      'storage above the maximum',
      'PostgreSQLInstance',
      { user: params({ storageGB: 5000 }) },
      [
        {
          path: 'spec.parameters.storageGB',
          message: 'must be <= 1000',
          layer: 'user',
        },
      ],
    ],
    [
      'storage as a string',
      'PostgreSQLInstance',
      { user: params({ storageGB: '20' }) },
      [
        {
          path: 'spec.parameters.storageGB',
          message: 'must be an integer',
          layer: 'user',
        },
      ],
    ],
    [
      'a version outside the enum',
      'PostgreSQLInstance',
      { user: params({ version: '17' }) },
      [
        {
          path: 'spec.parameters.version',
          message: 'must be one of: "14", "15", "16"',
          layer: 'user',
        },
      ],
    ],
    [
      'a misspelt field',
      'PostgreSQLInstance',
      { user: params({ storageGb: 20 }) },
      [
        {
          path: 'spec.parameters.storageGb',
          message: 'is not a field of this kind',
          layer: 'user',
        },
      ],
    ],
    [
      'a tenant default above the maximum',
      'PostgreSQLInstance',
      { defaults: { tenant: params({ storageGB: 5000 }) } },
      [
        {
          path: 'spec.parameters.storageGB',
          message: 'must be <= 1000',
          layer: 'tenant',
        },
      ],
    ],
    [
      'a duplicate set item',
      'PostgreSQLInstance',
      { user: params({ extensions: ['postgis', 'postgis'] }) },
      [
        {
          path: 'spec.parameters.extensions',
          message: 'must not contain duplicate items (items 0 and 1 are equal)',
          layer: 'user',
        },
      ],
    ],
    [
      'a backup window that does not match',
      'PostgreSQLInstance',
      { user: params({ backup: { window: '2am' } }) },
      [
        {
          path: 'spec.parameters.backup.window',
          message: expect.stringMatching(/^must match the pattern/),
          layer: 'user',
        },
      ],
    ],
    [
      'a missing image',
      'Application',
      { user: params({ replicas: 2 }) },
      [{ path: 'spec.parameters.image', message: 'is required' }],
    ],
    [
      'an image with a path trick',
      'Application',
      { user: params({ image: '../../etc/passwd' }) },
      [
        {
          path: 'spec.parameters.image',
          message: expect.stringMatching(/^must match the pattern/),
          layer: 'user',
        },
      ],
    ],
    [
      'a huge image name',
      'Application',
      { user: params({ image: 'a'.repeat(100_000) }) },
      [
        {
          path: 'spec.parameters.image',
          message: 'must not have more than 255 characters',
          layer: 'user',
        },
      ],
    ],
    [
      'two ports with the same containerPort',
      'Application',
      {
        user: params({
          image: 'nginx',
          ports: [{ containerPort: 80 }, { containerPort: 80, name: 'web' }],
        }),
      },
      [
        {
          path: 'spec.parameters.ports',
          message: 'must not contain two items with the same containerPort',
        },
      ],
    ],
    [
      'a port out of range',
      'Application',
      { user: params({ image: 'nginx', ports: [{ containerPort: 70000 }] }) },
      [
        {
          path: 'spec.parameters.ports[0].containerPort',
          message: 'must be <= 65535',
          layer: 'user',
        },
      ],
    ],
    [
      'cpu that is neither integer nor string',
      'Application',
      { user: params({ image: 'nginx', resources: { cpu: 0.5 } }) },
      [
        {
          path: 'spec.parameters.resources.cpu',
          message: expect.stringMatching(/integer or a string/),
          layer: 'user',
        },
      ],
    ],
    [
      'an ingress host that is not a hostname',
      'Application',
      {
        user: params({ image: 'nginx', ingress: { host: 'shop example.com' } }),
      },
      [
        {
          path: 'spec.parameters.ingress.host',
          message: 'must be a valid hostname',
          layer: 'user',
        },
      ],
    ],
    [
      'memory not a multiple of 128',
      'Cache',
      { user: params({ memoryMB: 200 }) },
      [
        {
          path: 'spec.parameters.memoryMB',
          message: 'must be multiple of 128',
          layer: 'user',
        },
      ],
    ],
    [
      'a TTL of zero (exclusive minimum)',
      'Cache',
      { user: params({ ttlSeconds: 0 }) },
      [
        {
          path: 'spec.parameters.ttlSeconds',
          message: 'must be > 0',
          layer: 'user',
        },
      ],
    ],
    [
      'a retention that is not an int32',
      'Bucket',
      { user: params({ retentionDays: 2 ** 40 }) },
      [
        {
          path: 'spec.parameters.retentionDays',
          message: 'must be <= 3650',
          layer: 'user',
        },
        {
          path: 'spec.parameters.retentionDays',
          message: 'must be a valid int32',
          layer: 'user',
        },
      ],
    ],
    [
      'too many tags',
      'Bucket',
      {
        user: params({
          tags: Object.fromEntries(
            Array.from({ length: 21 }, (_, i) => [`t${i}`, 'x']),
          ),
        }),
      },
      [
        {
          path: 'spec.parameters.tags',
          message: 'must not have more than 20 properties',
          layer: 'user',
        },
      ],
    ],
  ])('%s', (_label, kind, overrides, expected) => {
    expect(errorsOf(demoInput(kind, overrides))).toEqual(expected);
  });

  it('names the fields in the message of the InputError', () => {
    expect(() =>
      compileManifest(
        demoInput('PostgreSQLInstance', {
          user: params({ storageGB: 5000, version: '9' }),
        }),
      ),
    ).toThrow(
      'Invalid PostgreSQLInstance "orders-db": spec.parameters.storageGB must be <= 1000; spec.parameters.version must be one of: "14", "15", "16"',
    );
  });

  it('says which defaults layer a bad value came from', () => {
    expect(() =>
      compileManifest(
        demoInput('PostgreSQLInstance', {
          defaults: { environment: params({ storageGB: 1 }) },
        }),
      ),
    ).toThrow(
      'spec.parameters.storageGB must be >= 10 (from the environment defaults)',
    );
  });

  it('refuses a manifest larger than 1 MiB, naming the field', () => {
    const errors = errorsOf(
      demoInput('Application', {
        user: params({
          image: 'nginx',
          config: { blob: 'x'.repeat(1_100_000) },
        }),
      }),
    );
    expect(errors).toEqual([
      {
        path: 'spec.parameters.config.blob',
        message: expect.stringMatching(/more than the 1048576 allowed/),
        layer: 'user',
      },
    ]);
  });

  it('refuses a schema it cannot compile, naming kind.schema', () => {
    const kind = loadDemoKind('Cache');
    const schema = JSON.parse(JSON.stringify(kind.schema)) as JsonObject;
    ((schema.properties as JsonObject).spec as JsonObject).properties = {
      x: { type: 'string', pattern: '([' },
    };
    expect(errorsOf(demoInput('Cache', { kind: { ...kind, schema } }))).toEqual(
      [
        {
          path: 'kind.schema',
          message: expect.stringMatching(/cannot be compiled into a validator/),
        },
      ],
    );
  });

  it('refuses an input that is not an object', () => {
    expect(() =>
      compileManifest(null as unknown as CompileManifestInput),
    ).toThrow(InputError);
  });
});
