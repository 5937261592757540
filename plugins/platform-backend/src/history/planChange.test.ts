import {
  attemptAsFound,
  attemptStart,
  LATE_OBSERVATION_MS,
  planChange,
} from './planChange';
import { change, T0 } from './__testUtils__/resourceChanges';

describe('attemptStart', () => {
  it.each([
    ['a watch event: when it was observed', { observed: 350 }, 350, false],
    [
      'a new generation from the watch: when it was observed',
      { generation: 4, created: -9e6, observed: 90_000 },
      90_000,
      false,
    ],
    [
      'generation 1 seen late by the watch: creationTimestamp',
      { created: 0, observed: 500 + LATE_OBSERVATION_MS },
      500,
      true,
    ],
    [
      'generation 1 just under the late threshold: observed',
      { created: 0, observed: 500 + LATE_OBSERVATION_MS - 1 },
      500 + LATE_OBSERVATION_MS - 1,
      false,
    ],
    [
      'generation 1 from a list: creationTimestamp',
      { initial: true, created: -60_000, observed: 0 },
      -59_500,
      true,
    ],
    [
      'a later generation already Ready in a list: its Ready time',
      {
        initial: true,
        state: 'Ready' as const,
        generation: 3,
        created: -60_000,
        readySince: -1_000,
        observed: 0,
      },
      -500,
      true,
    ],
    [
      'generation 1 already Ready in a list: creationTimestamp',
      {
        initial: true,
        state: 'Ready' as const,
        created: -60_000,
        readySince: -1_000,
        observed: 0,
      },
      -59_500,
      true,
    ],
    [
      'a later generation in progress in a list: observed',
      { initial: true, generation: 2, created: -60_000, observed: 0 },
      0,
      true,
    ],
  ])('%s', (_name, options, start, estimated) => {
    expect(attemptStart(change(options))).toEqual({
      at: T0 + start,
      estimated,
    });
  });
});

describe('planChange', () => {
  it('reads the resource, its requester and whether it came through the portal', () => {
    const plan = planChange(
      change({
        observed: 10,
        requestedBy: 'user:default/ada',
        viaPortal: true,
        generation: 2,
      }),
    );
    expect(plan.resource).toEqual({
      cluster: 'dev',
      uid: 'uid-1',
      kind: 'PostgreSQLInstance',
      namespace: 'tenant-payments',
      name: 'orders-db',
      tenant: 'payments',
      generation: 2,
      createdViaPortal: true,
      requestedBy: 'user:default/ada',
      createdAt: T0,
      templateRef: undefined,
    });
    expect(plan.attempt).toMatchObject({
      generation: 2,
      startedAt: T0 + 10,
      estimated: false,
    });
    expect(plan.transition).toBeUndefined();
  });

  it.each([
    [
      'Ready from the watch',
      { state: 'Ready' as const, observed: 5_000 },
      { type: 'ready', at: T0 + 5_000, estimated: false, live: true },
    ],
    [
      'Ready in a list: the Ready condition',
      {
        state: 'Ready' as const,
        initial: true,
        readySince: 3_000,
        observed: 5_000,
      },
      { type: 'ready', at: T0 + 3_500, estimated: true, live: false },
    ],
    [
      'Failed',
      {
        state: 'Failed' as const,
        reason: 'ReconcileError',
        message: 'no quota',
        observed: 5_000,
      },
      {
        type: 'failed',
        at: T0 + 5_000,
        reason: 'ReconcileError',
        message: 'no quota',
      },
    ],
    [
      'Failed from the watch once the grace period ran out: when the error began',
      {
        state: 'Failed' as const,
        reason: 'ReconcileError',
        since: 5_000,
        observed: 5_000 + 300_000,
      },
      { type: 'failed', at: T0 + 5_000, reason: 'ReconcileError' },
    ],
    [
      'InProgress',
      { state: 'InProgress' as const, observed: 5_000 },
      undefined,
    ],
    ['Unknown', { state: 'Unknown' as const, observed: 5_000 }, undefined],
  ])('%s', (_name, options, transition) => {
    expect(planChange(change(options)).transition).toEqual(transition);
  });

  it('takes the deletionTimestamp of a terminating object and the observation of a deletion', () => {
    const terminating = planChange(
      change({ state: 'Terminating', deleting: 4_000, observed: 4_500 }),
    );
    expect(terminating.terminatingAt).toBe(T0 + 4_000);
    expect(terminating.transition).toBeUndefined();
    const deleted = planChange(
      change({
        type: 'deleted',
        state: 'Terminating',
        deleting: 4_000,
        observed: 9_000,
      }),
    );
    expect(deleted).toMatchObject({ deletedAt: T0 + 9_000 });
  });
});

describe('attemptAsFound', () => {
  it.each([
    ['generation 1 found Ready: from creationTimestamp to Ready', 1, 59_000],
    ['a later generation found Ready: no provisioning time', 3, undefined],
  ])('%s', (_case, generation, durationMs) => {
    const found = attemptAsFound(
      planChange(
        change({
          initial: true,
          state: 'Ready',
          generation,
          created: -60_000,
          readySince: -1_000,
          observed: 0,
        }),
      ),
    );
    expect(found.readyAt).toBe(T0 - 500);
    expect(found.estimated).toBe(true);
    expect(found.durationMs).toBe(durationMs);
  });
});
