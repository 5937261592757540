import type { ProvisioningAttempt } from '@fractal/backstage-plugin-platform-common';
import { latestAttempts, provisioningText } from './provisioningTime';

const now = Date.parse('2026-03-01T12:00:00Z');

function attempt(overrides: Partial<ProvisioningAttempt>): ProvisioningAttempt {
  return {
    cluster: 'dev',
    uid: 'u1',
    generation: 1,
    kind: 'Bucket',
    name: 'b',
    startedAt: '2026-03-01T11:00:00Z',
    estimated: false,
    createdViaPortal: true,
    outcome: 'ready',
    ...overrides,
  };
}

describe('provisioningText', () => {
  it.each([
    ['no attempt', undefined, '—'],
    ['ready', attempt({ durationMs: 252_000 }), '4 min 12 s'],
    [
      'ready, estimated',
      attempt({ durationMs: 90_000, estimated: true }),
      '~1 min 30 s',
    ],
    [
      'ready, estimated, start unknown',
      attempt({ durationMs: undefined, estimated: true }),
      '—',
    ],
    ['in progress', attempt({ outcome: 'in-progress' }), 'in progress for 1 h'],
    [
      'stuck',
      attempt({ outcome: 'stuck', startedAt: '2026-03-01T09:30:00Z' }),
      'stuck for 2 h 30 min',
    ],
    ['failed', attempt({ outcome: 'failed' }), 'failed'],
    ['deleted', attempt({ outcome: 'deleted' }), 'deleted'],
  ])('%s', (_name, value, text) => {
    expect(provisioningText(value, now)).toBe(text);
  });
});

describe('latestAttempts', () => {
  it('keeps the highest generation, then the latest start, per resource', () => {
    const latest = latestAttempts([
      attempt({ generation: 1, durationMs: 1 }),
      attempt({ generation: 2, durationMs: 2 }),
      attempt({
        generation: 2,
        durationMs: 3,
        startedAt: '2026-03-01T11:30:00Z',
      }),
      attempt({ uid: 'u2', durationMs: 4 }),
      attempt({ cluster: 'prod-eu', durationMs: 5 }),
    ]);
    expect([...latest.entries()].map(([k, a]) => [k, a.durationMs])).toEqual([
      ['dev/u1', 3],
      ['dev/u2', 4],
      ['prod-eu/u1', 5],
    ]);
  });
});
