import type { JsonObject } from '../api/types';
import { loadDemoKind } from './__fixtures__/demoKinds';
import { SchemaValidatorCache } from './SchemaValidatorCache';

const key = {
  group: 'platform.fractal.dev',
  version: 'v1alpha1',
  kind: 'Cache',
};
const schemaWith = (maximum: number): JsonObject => ({
  type: 'object',
  properties: {
    spec: { type: 'object', properties: { n: { type: 'integer', maximum } } },
  },
});

describe('SchemaValidatorCache', () => {
  it('compiles once per kind, version and schema content', () => {
    const cache = new SchemaValidatorCache();
    const first = cache.get(key, schemaWith(1));
    expect(cache.get(key, schemaWith(1))).toBe(first);
    expect(cache.get(key, JSON.parse(JSON.stringify(schemaWith(1))))).toBe(
      first,
    );
    expect(cache.get(key, schemaWith(2))).not.toBe(first);
    expect(cache.get({ ...key, version: 'v1beta1' }, schemaWith(1))).not.toBe(
      first,
    );
    expect(cache.size).toBe(3);
  });

  it('ignores key order when hashing a schema', () => {
    const cache = new SchemaValidatorCache();
    const a = cache.get(key, {
      type: 'object',
      properties: { spec: { type: 'object' } },
    });
    const b = cache.get(key, {
      properties: { spec: { type: 'object' } },
      type: 'object',
    });
    expect(b).toBe(a);
  });

  it('stays bounded, dropping the least recently used validator', () => {
    const cache = new SchemaValidatorCache({ maxEntries: 2 });
    const one = cache.get(key, schemaWith(1));
    cache.get(key, schemaWith(2));
    expect(cache.get(key, schemaWith(1))).toBe(one);
    cache.get(key, schemaWith(3));
    expect(cache.size).toBe(2);
    expect(cache.get(key, schemaWith(1))).toBe(one);
    expect(cache.get(key, schemaWith(2))).not.toBe(undefined);
    expect(cache.size).toBe(2);
  });

  it('validators still work after eviction and clear', () => {
    const cache = new SchemaValidatorCache({ maxEntries: 1 });
    const manifest = {
      apiVersion: 'a/v1',
      kind: 'Cache',
      metadata: {},
      spec: { n: 5 },
    };
    for (const maximum of [3, 4, 5, 6, 3]) {
      const errors = cache.get(key, schemaWith(maximum))(manifest);
      expect(errors).toHaveLength(maximum < 5 ? 1 : 0);
    }
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get(key, schemaWith(10))(manifest)).toEqual([]);
  });

  it('validates the demo kinds from their CRDs', () => {
    const cache = new SchemaValidatorCache();
    const kind = loadDemoKind('PostgreSQLInstance');
    const validate = cache.get(kind, kind.schema);
    expect(
      validate({
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'PostgreSQLInstance',
        metadata: { name: 'x', namespace: 'y', labels: { a: 'b' } },
        spec: { parameters: { storageGB: 9 } },
      }),
    ).toEqual([
      { path: 'spec.parameters.storageGB', message: 'must be >= 10' },
    ]);
  });
});
