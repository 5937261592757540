import { stringify } from 'yaml';
import { isAncestorPath, layerOf, yamlLines } from './yamlLines';

describe('isAncestorPath', () => {
  it.each([
    ['spec', 'spec.parameters', true],
    ['spec.ports', 'spec.ports[0]', true],
    ['spec.param', 'spec.parameters', false],
    ['spec', 'spec', false],
    ['', 'spec', true],
  ])('isAncestorPath(%s, %s) = %p', (ancestor, path, expected) => {
    expect(isAncestorPath(ancestor, path)).toBe(expected);
  });
});

describe('layerOf', () => {
  const provenance = new Map([
    ['spec.parameters.tags', 'tenant'],
    ['spec.parameters', 'platform'],
  ] as const);
  it.each([
    ['spec.parameters.tags', 'tenant'],
    ['spec.parameters.tags[1]', 'tenant'],
    ['spec.parameters.size', 'platform'],
    ['metadata.name', undefined],
  ])('%s -> %s', (path, layer) => {
    expect(layerOf(path, provenance)).toBe(layer);
  });
});

describe('yamlLines', () => {
  it('tags every leaf line with its path and layer', () => {
    const manifest = {
      apiVersion: 'platform.fractal.dev/v1alpha1',
      kind: 'PostgreSQLInstance',
      metadata: {
        name: 'orders-db',
        labels: { 'fractal.dev/tenant': 'payments' },
      },
      spec: {
        parameters: {
          storageGB: 50,
          extensions: ['pgcrypto', 'postgis'],
          tags: {},
          note: 'line one\nline two',
        },
      },
    };
    const yaml = stringify(manifest);
    const lines = yamlLines(yaml, [
      { path: 'apiVersion', layer: 'fractal' },
      { path: 'kind', layer: 'fractal' },
      { path: 'metadata.name', layer: 'user' },
      { path: 'metadata.labels["fractal.dev/tenant"]', layer: 'fractal' },
      { path: 'spec.parameters.storageGB', layer: 'tenant' },
      { path: 'spec.parameters.extensions', layer: 'platform' },
      { path: 'spec.parameters.tags', layer: 'schema' },
      { path: 'spec.parameters.note', layer: 'user' },
    ]);
    const tagged = lines
      .filter(l => l.path !== undefined)
      .map(l => [l.text.trim(), l.path, l.layer]);
    expect(tagged).toEqual([
      ['apiVersion: platform.fractal.dev/v1alpha1', 'apiVersion', 'fractal'],
      ['kind: PostgreSQLInstance', 'kind', 'fractal'],
      ['name: orders-db', 'metadata.name', 'user'],
      [
        'fractal.dev/tenant: payments',
        'metadata.labels["fractal.dev/tenant"]',
        'fractal',
      ],
      ['storageGB: 50', 'spec.parameters.storageGB', 'tenant'],
      ['- pgcrypto', 'spec.parameters.extensions[0]', 'platform'],
      ['- postgis', 'spec.parameters.extensions[1]', 'platform'],
      ['tags: {}', 'spec.parameters.tags', 'schema'],
      ['note: |-', 'spec.parameters.note', 'user'],
    ]);
    expect(lines.map(l => l.text).join('\n')).toBe(yaml.trimEnd());
    expect(lines.find(l => l.text === 'metadata:')?.path).toBeUndefined();
  });

  it('keeps the text of YAML it cannot parse rather than throwing', () => {
    expect(yamlLines('a: [', []).map(l => l.text)).toEqual(['a: [']);
  });
});
