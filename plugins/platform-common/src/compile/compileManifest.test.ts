import { parse } from 'yaml';
import type { DefaultsLayer, JsonObject } from '../api/types';
import {
  demoInput,
  loadDemoKind,
  type DemoKind,
} from './__fixtures__/demoKinds';
import { compileManifest } from './compileManifest';
import type { CompileManifestInput } from './types';

function provenanceOf(input: CompileManifestInput) {
  const compiled = compileManifest(input);
  return Object.fromEntries(compiled.provenance.map(e => [e.path, e.layer]));
}

describe('compileManifest: valid input', () => {
  it.each<[string, DemoKind, Partial<CompileManifestInput>, JsonObject]>([
    [
      'an empty PostgreSQL form gets every schema default',
      'PostgreSQLInstance',
      {},
      {
        compositeDeletePolicy: 'Background',
        parameters: { storageGB: 20, version: '16', highAvailability: false },
      },
    ],
    [
      'layers: platform < environment < tenant < user',
      'PostgreSQLInstance',
      {
        defaults: {
          platform: {
            spec: {
              parameters: { version: '15', size: 'small', storageGB: 30 },
            },
          },
          environment: {
            spec: { parameters: { highAvailability: true, storageGB: 40 } },
          },
          tenant: { spec: { parameters: { storageGB: 50 } } },
        },
        user: { spec: { parameters: { size: 'large' } } },
      },
      {
        compositeDeletePolicy: 'Background',
        parameters: {
          version: '15',
          size: 'large',
          storageGB: 50,
          highAvailability: true,
        },
      },
    ],
    [
      'null in a later layer removes a lower default, the schema default returns',
      'PostgreSQLInstance',
      {
        defaults: {
          tenant: { spec: { parameters: { storageGB: 50, size: 'medium' } } },
        },
        user: { spec: { parameters: { storageGB: null, size: null } } },
      },
      {
        compositeDeletePolicy: 'Background',
        parameters: { storageGB: 20, version: '16', highAvailability: false },
      },
    ],
    [
      'arrays replace, objects merge, defaults fill objects the user created',
      'PostgreSQLInstance',
      {
        defaults: {
          platform: {
            spec: { parameters: { extensions: ['pgcrypto', 'pg_trgm'] } },
          },
        },
        user: {
          spec: {
            parameters: {
              extensions: ['postgis'],
              backup: { retentionDays: 14 },
            },
          },
        },
      },
      {
        compositeDeletePolicy: 'Background',
        parameters: {
          extensions: ['postgis'],
          backup: { retentionDays: 14, window: '02:00-03:00' },
          storageGB: 20,
          version: '16',
          highAvailability: false,
        },
      },
    ],
    [
      'a bucket with a tags map and lifecycle rules',
      'Bucket',
      {
        name: 'invoices',
        user: {
          spec: {
            parameters: {
              tags: { 'cost-center': '4711', 'data class': 'internal' },
              lifecycle: [{ prefix: 'tmp/', expireAfterDays: 7 }],
            },
          },
        },
      },
      {
        compositeDeletePolicy: 'Background',
        parameters: {
          tags: { 'cost-center': '4711', 'data class': 'internal' },
          lifecycle: [{ prefix: 'tmp/', expireAfterDays: 7 }],
          region: 'eu-west-1',
          versioning: false,
          publicAccess: false,
        },
      },
    ],
    [
      'a cache without parameters (not required): no parameters object',
      'Cache',
      { name: 'sessions' },
      { compositeDeletePolicy: 'Background' },
    ],
    [
      'a cache with a memory size and a TTL',
      'Cache',
      {
        name: 'sessions',
        user: { spec: { parameters: { memoryMB: 1024, ttlSeconds: 0.5 } } },
      },
      {
        compositeDeletePolicy: 'Background',
        parameters: {
          memoryMB: 1024,
          ttlSeconds: 0.5,
          engine: 'redis',
          replicas: 1,
          evictionPolicy: 'allkeys-lru',
        },
      },
    ],
    [
      'an application: int-or-string, list defaults inside items, free-form config',
      'Application',
      {
        name: 'storefront',
        user: {
          spec: {
            parameters: {
              image: 'registry.example.com/checkout/storefront:1.8.2',
              ports: [
                { containerPort: 8080, name: 'http' },
                { containerPort: 9090, protocol: 'UDP' },
              ],
              resources: { cpu: 2, memory: '512Mi' },
              ingress: { host: 'shop.example.com' },
              config: {
                featureFlags: { newCheckout: true },
                'log.level': 'debug',
              },
            },
          },
        },
      },
      {
        compositeDeletePolicy: 'Background',
        parameters: {
          image: 'registry.example.com/checkout/storefront:1.8.2',
          ports: [
            { containerPort: 8080, name: 'http', protocol: 'TCP' },
            { containerPort: 9090, protocol: 'UDP' },
          ],
          resources: { cpu: 2, memory: '512Mi' },
          ingress: { host: 'shop.example.com', tls: true },
          config: { featureFlags: { newCheckout: true }, 'log.level': 'debug' },
          replicas: 2,
          healthCheckPath: '/healthz',
        },
      },
    ],
  ])('%s', (_label, kind, overrides, spec) => {
    const compiled = compileManifest(demoInput(kind, overrides));
    expect(compiled.manifest.spec).toEqual(spec);
    expect(parse(compiled.yaml)).toEqual(compiled.manifest);
    expect(parse(compiled.yaml, { version: '1.1' })).toEqual(compiled.manifest);
  });

  it('sets identity, namespace and every Fractal label and annotation', () => {
    const compiled = compileManifest(
      demoInput('PostgreSQLInstance', {
        component: 'component:default/orders',
        user: {
          metadata: {
            labels: { team: 'payments-core' },
            annotations: { 'example.com/ticket': 'PAY-12' },
          },
        },
      }),
    );
    expect(compiled.cluster).toBe('dev');
    expect(compiled.namespace).toBe('tenant-payments');
    expect(compiled.manifest.apiVersion).toBe('platform.fractal.dev/v1alpha1');
    expect(compiled.manifest.kind).toBe('PostgreSQLInstance');
    expect(compiled.manifest.metadata).toEqual({
      name: 'orders-db',
      namespace: 'tenant-payments',
      labels: {
        team: 'payments-core',
        'fractal.dev/tenant': 'payments',
        'fractal.dev/component': 'orders',
        'fractal.dev/environment': 'development',
        'app.kubernetes.io/managed-by': 'fractal',
      },
      annotations: {
        'example.com/ticket': 'PAY-12',
        'fractal.dev/owner': 'group:default/payments',
        'fractal.dev/requested-by': 'user:default/ada',
        'fractal.dev/template': 'template:default/postgresql-instance',
        'fractal.dev/created-via': 'portal',
        'fractal.dev/component-ref': 'component:default/orders',
      },
    });
  });

  it('normalizes entity refs and leaves out the namespace of cluster-scoped kinds', () => {
    const kind = { ...loadDemoKind('Bucket'), scope: 'Cluster' as const };
    const compiled = compileManifest(
      demoInput('Bucket', {
        kind,
        namespace: undefined,
        owner: 'payments',
        requestedBy: 'ada',
        template: undefined,
      }),
    );
    expect(compiled.namespace).toBeUndefined();
    expect(compiled.manifest.metadata).not.toHaveProperty('namespace');
    expect(compiled.manifest.metadata).toMatchObject({
      annotations: {
        'fractal.dev/owner': 'group:default/payments',
        'fractal.dev/requested-by': 'user:default/ada',
      },
    });
  });

  it('records the layer of every leaf', () => {
    const provenance = provenanceOf(
      demoInput('PostgreSQLInstance', {
        defaults: {
          platform: {
            spec: {
              parameters: {
                extensions: ['pgcrypto', 'pg_trgm'],
                version: '15',
              },
            },
          },
          environment: { spec: { parameters: { highAvailability: true } } },
          tenant: {
            spec: { parameters: { storageGB: 50 } },
            metadata: { labels: { 'cost-center': '4711' } },
          },
        },
        user: {
          spec: {
            parameters: { size: 'medium', backup: { retentionDays: 14 } },
          },
        },
      }),
    );
    expect(provenance).toEqual<Record<string, DefaultsLayer>>({
      apiVersion: 'fractal',
      kind: 'fractal',
      'metadata.name': 'fractal',
      'metadata.namespace': 'fractal',
      'metadata.labels["cost-center"]': 'tenant',
      'metadata.labels["fractal.dev/tenant"]': 'fractal',
      'metadata.labels["fractal.dev/environment"]': 'fractal',
      'metadata.labels["app.kubernetes.io/managed-by"]': 'fractal',
      'metadata.annotations["fractal.dev/owner"]': 'fractal',
      'metadata.annotations["fractal.dev/requested-by"]': 'fractal',
      'metadata.annotations["fractal.dev/template"]': 'fractal',
      'metadata.annotations["fractal.dev/created-via"]': 'fractal',
      'spec.parameters.extensions[0]': 'platform',
      'spec.parameters.extensions[1]': 'platform',
      'spec.parameters.version': 'platform',
      'spec.parameters.highAvailability': 'environment',
      'spec.parameters.storageGB': 'tenant',
      'spec.parameters.size': 'user',
      'spec.parameters.backup.retentionDays': 'user',
      'spec.parameters.backup.window': 'schema',
      'spec.compositeDeletePolicy': 'schema',
    });
  });

  it('records schema defaults inside array items', () => {
    const provenance = provenanceOf(
      demoInput('Application', {
        user: {
          spec: {
            parameters: { image: 'nginx', ports: [{ containerPort: 80 }] },
          },
        },
      }),
    );
    expect(provenance['spec.parameters.ports[0].containerPort']).toBe('user');
    expect(provenance['spec.parameters.ports[0].protocol']).toBe('schema');
  });

  it('writes the YAML a reviewer expects', () => {
    const compiled = compileManifest(
      demoInput('PostgreSQLInstance', {
        user: {
          spec: { parameters: { size: 'small', extensions: ['uuid-ossp'] } },
        },
      }),
    );
    expect(compiled.yaml).toBe(`apiVersion: platform.fractal.dev/v1alpha1
kind: PostgreSQLInstance
metadata:
  name: orders-db
  namespace: tenant-payments
  labels:
    fractal.dev/tenant: payments
    fractal.dev/environment: development
    app.kubernetes.io/managed-by: fractal
  annotations:
    fractal.dev/owner: "group:default/payments"
    fractal.dev/requested-by: "user:default/ada"
    fractal.dev/template: "template:default/postgresql-instance"
    fractal.dev/created-via: portal
spec:
  parameters:
    size: small
    extensions:
      - uuid-ossp
    storageGB: 20
    version: "16"
    highAvailability: false
  compositeDeletePolicy: Background
`);
  });
});

describe('compileManifest: the result object', () => {
  it('renders YAML on first read, once, and serializes it', () => {
    const compiled = compileManifest(demoInput('Cache', { name: 'sessions' }));
    const first = compiled.yaml;
    expect(compiled.yaml).toBe(first);
    expect(parse(first)).toEqual(compiled.manifest);
    expect(Object.keys(compiled)).toEqual([
      'manifest',
      'yaml',
      'provenance',
      'cluster',
      'namespace',
    ]);
    expect(JSON.parse(JSON.stringify(compiled)).yaml).toBe(first);
    expect({ ...compiled }.yaml).toBe(first);
  });
});
