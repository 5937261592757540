import type { DefaultsLayer, JsonObject } from '../api/types';
import { mergeLayers } from './mergeLayers';

describe('mergeLayers', () => {
  it.each<[string, JsonObject[], JsonObject, Record<string, DefaultsLayer>]>([
    [
      'objects merge key by key',
      [{ a: { x: 1, y: 1 } }, { a: { y: 2, z: 2 } }],
      { a: { x: 1, y: 2, z: 2 } },
      { 'a.x': 'platform', 'a.y': 'environment', 'a.z': 'environment' },
    ],
    [
      'arrays replace, never concatenate',
      [{ a: [1, 2, 3] }, { a: [4] }],
      { a: [4] },
      { 'a[0]': 'environment' },
    ],
    [
      'a scalar replaces an object and an object replaces a scalar',
      [
        { a: { x: 1 }, b: 1 },
        { a: 'flat', b: { y: 2 } },
      ],
      { a: 'flat', b: { y: 2 } },
      { a: 'environment', 'b.y': 'environment' },
    ],
    [
      'null removes the key and everything below',
      [{ a: { x: 1, y: { deep: true } } }, { a: { y: null } }, { b: null }],
      { a: { x: 1 } },
      { 'a.x': 'platform' },
    ],
    [
      'null inside a newly set object is dropped, inside arrays kept',
      [{}, { a: { x: null, y: 1 }, b: [null, 1] }],
      { a: { y: 1 }, b: [null, 1] },
      { 'a.y': 'environment', 'b[0]': 'environment', 'b[1]': 'environment' },
    ],
    [
      'empty objects and arrays are leaves',
      [{ a: {}, b: [] }],
      { a: {}, b: [] },
      { a: 'platform', b: 'platform' },
    ],
    [
      'the last layer wins, and keeps its own provenance after a merge',
      [
        { a: { x: 1 } },
        { a: { x: 2 } },
        { a: { x: 3, y: 3 } },
        { a: { y: 4 } },
      ],
      { a: { x: 3, y: 4 } },
      { 'a.x': 'tenant', 'a.y': 'user' },
    ],
    [
      'keys that are not identifiers are quoted in paths',
      [{ labels: { 'fractal.dev/tenant': 'a', 'with space': 'b' } }],
      { labels: { 'fractal.dev/tenant': 'a', 'with space': 'b' } },
      {
        'labels["fractal.dev/tenant"]': 'platform',
        'labels["with space"]': 'platform',
      },
    ],
  ])('%s', (_label, values, expected, provenance) => {
    const layers: DefaultsLayer[] = [
      'platform',
      'environment',
      'tenant',
      'user',
    ];
    const result = mergeLayers(
      values.map((value, i) => ({ layer: layers[i], value })),
    );
    expect(result.value).toEqual(expected);
    expect(
      Object.fromEntries(result.provenance.map(e => [e.path, e.layer])),
    ).toEqual(provenance);
  });

  it('does not modify its inputs or share objects with them', () => {
    const platform = { a: { x: 1, list: [{ k: 1 }] } };
    const user = { a: { y: 2 } };
    const snapshot = JSON.stringify([platform, user]);
    const { value } = mergeLayers([
      { layer: 'platform', value: platform },
      { layer: 'user', value: user },
    ]);
    (value.a as JsonObject).x = 99;
    expect(JSON.stringify([platform, user])).toBe(snapshot);
    expect(((value.a as JsonObject).list as JsonObject[])[0]).not.toBe(
      platform.a.list[0],
    );
  });
});
