import { applyJsonPatch, applyMergePatch } from './patches';

describe('merge patch (RFC 7386)', () => {
  it.each([
    [
      { a: 1, b: { c: 2, d: 3 } },
      { b: { c: null, e: 4 } },
      { a: 1, b: { d: 3, e: 4 } },
    ],
    [{ a: [1, 2] }, { a: [3] }, { a: [3] }],
    [{ a: 1 }, { a: null, b: null }, {}],
    [{ a: 1 }, 'x', 'x'],
  ])('merges %j with %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });
});

describe('JSON patch (RFC 6902)', () => {
  const doc = { a: { b: [1, 2, 3] }, c: 'x' };

  it.each([
    [
      [{ op: 'add', path: '/a/b/1', value: 9 }],
      { a: { b: [1, 9, 2, 3] }, c: 'x' },
    ],
    [
      [{ op: 'add', path: '/a/b/-', value: 9 }],
      { a: { b: [1, 2, 3, 9] }, c: 'x' },
    ],
    [[{ op: 'remove', path: '/a/b/0' }], { a: { b: [2, 3] }, c: 'x' }],
    [
      [{ op: 'replace', path: '/c', value: 'y' }],
      { a: { b: [1, 2, 3] }, c: 'y' },
    ],
    [[{ op: 'move', from: '/c', path: '/d' }], { a: { b: [1, 2, 3] }, d: 'x' }],
    [
      [{ op: 'copy', from: '/c', path: '/a/e' }],
      { a: { b: [1, 2, 3], e: 'x' }, c: 'x' },
    ],
    [
      [
        { op: 'test', path: '/c', value: 'x' },
        { op: 'add', path: '/a~1b', value: 1 },
      ],
      { a: { b: [1, 2, 3] }, c: 'x', 'a/b': 1 },
    ],
  ])('applies %j', (patch, expected) => {
    expect(applyJsonPatch(doc, patch)).toEqual(expected);
    expect(doc).toEqual({ a: { b: [1, 2, 3] }, c: 'x' });
  });

  it.each([
    [[{ op: 'test', path: '/c', value: 'nope' }], 422],
    [[{ op: 'remove', path: '/missing' }], 422],
    [[{ op: 'replace', path: '/missing/x', value: 1 }], 422],
    [[{ op: 'jump', path: '/c' }], 400],
    [{ op: 'add' }, 400],
  ])('fails %j with %i', (patch, code) => {
    expect(() => applyJsonPatch(doc, patch as never)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
