import { describeChange } from './scoreFigures';

describe('describeChange', () => {
  it.each([
    [
      'lower is better, went down',
      { change: -0.12 },
      'lower',
      '−12% vs previous 30 days',
      'down',
      'good',
    ],
    [
      'lower is better, went up',
      { change: 0.5 },
      'lower',
      '+50% vs previous 30 days',
      'up',
      'bad',
    ],
    [
      'higher is better, went up',
      { change: 0.25 },
      'higher',
      '+25% vs previous 30 days',
      'up',
      'good',
    ],
    [
      'higher is better, went down',
      { change: -0.031 },
      'higher',
      '−3% vs previous 30 days',
      'down',
      'bad',
    ],
    [
      'rounds to zero',
      { change: 0.004 },
      'higher',
      'unchanged vs previous 30 days',
      'flat',
      'neutral',
    ],
    [
      'no previous value',
      { current: 3 },
      'higher',
      'no comparison with the previous 30 days',
      'unknown',
      'neutral',
    ],
    [
      'not finite',
      { change: Infinity },
      'lower',
      'no comparison with the previous 30 days',
      'unknown',
      'neutral',
    ],
  ] as const)('%s', (_name, figure, better, text, direction, tone) => {
    const change = describeChange(figure, better, 30);
    expect(change.text).toBe(text);
    expect(change.direction).toBe(direction);
    expect(change.tone).toBe(tone);
    expect(change.label).toMatch(/previous 30 days/);
  });
});
