import { matchesLabels, parseLabelSelector } from './labelSelector';

const labels = { app: 'shop', tier: 'db', 'fractal.dev/component': 'shop' };

describe('label selectors', () => {
  it.each<[string, boolean]>([
    ['', true],
    ['app=shop', true],
    ['app==shop', true],
    ['app = shop', true],
    ['app=other', false],
    ['app!=other', true],
    ['missing!=x', true],
    ['tier in (db, cache)', true],
    ['tier in (cache)', false],
    ['tier notin (cache)', true],
    ['missing notin (cache)', true],
    ['missing in (cache)', false],
    ['fractal.dev/component', true],
    ['!fractal.dev/component', false],
    ['!missing', true],
    ['app=shop,tier in (db,cache),!missing', true],
    ['app=shop,tier=web', false],
  ])('%s -> %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each(['app=sh op', 'in (x)', 'a=b=c', '!'])('rejects %s', selector => {
    expect(() => parseLabelSelector(selector)).toThrow(
      'Invalid label selector',
    );
  });
});
