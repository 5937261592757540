import { firstDifference } from './firstDifference';

describe('firstDifference', () => {
  it.each<[string, unknown, unknown, string | undefined]>([
    [
      'equal objects in another key order',
      { a: 1, b: { c: [1, 2] } },
      { b: { c: [1, 2] }, a: 1 },
      undefined,
    ],
    [
      'a changed leaf',
      { spec: { size: 'small' } },
      { spec: { size: 'large' } },
      'spec.size',
    ],
    [
      'an added key',
      { metadata: {} },
      { metadata: { namespace: 'x' } },
      'metadata.namespace',
    ],
    ['a longer array', { a: [1] }, { a: [1, 2] }, 'a[1]'],
    ['an object replaced by an array', { a: {} }, { a: [] }, 'a'],
    [
      'a dotted key',
      { labels: { 'fractal.dev/tenant': 'a' } },
      { labels: { 'fractal.dev/tenant': 'b' } },
      'labels["fractal.dev/tenant"]',
    ],
    ['a number and its string', { n: 1 }, { n: '1' }, 'n'],
    ['different roots', 1, 2, '(root)'],
  ])('%s', (_case, a, b, path) => {
    expect(firstDifference(a, b)).toBe(path);
  });
});
