import { attemptOutcome } from './attemptOutcome';

describe('attemptOutcome', () => {
  const t = '2025-01-01T00:00:00Z';
  it.each([
    [{}, 'in-progress'],
    [{ readyAt: null, failedAt: null }, 'in-progress'],
    [{ stuckAt: t }, 'stuck'],
    [{ stuckAt: t, readyAt: t }, 'ready'],
    [{ failedAt: t }, 'failed'],
    [{ failedAt: t, readyAt: t }, 'ready'],
    [{ failedAt: t, deletedAt: t }, 'failed'],
    [{ stuckAt: t, deletedAt: t }, 'deleted'],
    [{ stuckAt: t, supersededAt: t }, 'superseded'],
    [{ supersededAt: t, deletedAt: t }, 'superseded'],
    [{ failedAt: t, supersededAt: t }, 'failed'],
    [{ readyAt: 5, deletedAt: 9 }, 'ready'],
  ] as const)('%j is %s', (moments, outcome) => {
    expect(attemptOutcome(moments)).toBe(outcome);
  });
});
