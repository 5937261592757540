import { evaluateJsonPath, humanDuration } from './table';

describe('printer columns', () => {
  const obj = {
    metadata: { name: 'x' },
    status: {
      conditions: [
        { type: 'Synced', status: 'True' },
        { type: 'Ready', status: 'False' },
      ],
    },
    spec: { items: [{ n: 1 }, { n: 2 }] },
  };
  it.each([
    ['.metadata.name', ['x']],
    [".status.conditions[?(@.type=='Ready')].status", ['False']],
    ['.status.conditions[?(@.type=="Synced")].status', ['True']],
    ['.spec.items[1].n', [2]],
    ['.spec.items[*].n', [1, 2]],
    ['.spec.missing', []],
  ])('evaluates %s', (path, expected) => {
    expect(evaluateJsonPath(obj, path)).toEqual(expected);
  });

  it.each([
    [45_000, '45s'],
    [330_000, '5m30s'],
    [45 * 60_000, '45m'],
    [5.5 * 3600_000, '5h30m'],
    [30 * 3600_000, '30h'],
    [3 * 86400_000 + 5 * 3600_000, '3d5h'],
    [40 * 86400_000, '40d'],
    [800 * 86400_000, '2y'],
  ])('renders an age of %i ms as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
