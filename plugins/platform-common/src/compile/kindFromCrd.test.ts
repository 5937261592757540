import type { JsonObject } from '../api/types';
import { loadCrd } from './__fixtures__/demoKinds';
import { defaultsFor } from './defaultsFor';
import { kindFromCrd } from './kindFromCrd';

describe('kindFromCrd', () => {
  it('reads the storage version of a demo CRD', () => {
    const kind = kindFromCrd(loadCrd('Bucket'));
    expect(kind).toMatchObject({
      group: 'platform.fractal.dev',
      version: 'v1alpha1',
      kind: 'Bucket',
      plural: 'buckets',
      scope: 'Namespaced',
    });
    expect(kind?.schema.type).toBe('object');
  });

  it.each<[string, JsonObject, string | undefined]>([
    ['an unknown version', loadCrd('Bucket'), 'v9'],
    [
      'a CRD without versions',
      {
        spec: {
          group: 'g',
          names: { kind: 'K', plural: 'ks' },
          scope: 'Namespaced',
        },
      },
      undefined,
    ],
    ['something else entirely', { kind: 'ConfigMap' }, undefined],
  ])('returns undefined for %s', (_label, crd, version) => {
    expect(kindFromCrd(crd, version)).toBeUndefined();
  });
});

describe('defaultsFor', () => {
  const config = {
    platform: {
      PostgreSQLInstance: { spec: { parameters: { version: '16' } } },
    },
    environments: {
      production: {
        PostgreSQLInstance: {
          spec: { parameters: { highAvailability: true } },
        },
      },
    },
    tenants: {
      payments: {
        PostgreSQLInstance: { spec: { parameters: { storageGB: 50 } } },
      },
    },
  };

  it.each<[string, string, string, object]>([
    [
      'PostgreSQLInstance',
      'production',
      'payments',
      {
        platform: config.platform.PostgreSQLInstance,
        environment: config.environments.production.PostgreSQLInstance,
        tenant: config.tenants.payments.PostgreSQLInstance,
      },
    ],
    [
      'PostgreSQLInstance',
      'development',
      'search',
      { platform: config.platform.PostgreSQLInstance },
    ],
    ['Bucket', 'production', 'payments', {}],
    ['toString', 'constructor', '__proto__', {}],
  ])('%s in %s for %s', (kind, environment, tenant, expected) => {
    const layers = defaultsFor(config, kind, environment, tenant);
    expect(JSON.parse(JSON.stringify(layers))).toEqual(expected);
  });
});
