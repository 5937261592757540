import type { ResourceState } from '../api/types';
import { loadStatusFixture } from './__fixtures__/loadFixture';
import { computeResourceStatus, statusRuleKey } from './computeResourceStatus';
import type { StatusRule } from './types';

const NOW = '2025-06-02T10:00:00Z';

describe('computeResourceStatus on fixtures', () => {
  it.each<[string, string, ResourceState, string, string | undefined]>([
    // fixture, now, state, reason, since
    ['claim-no-status', NOW, 'Unknown', 'NoStatus', undefined],
    [
      'claim-no-status',
      '2025-06-02T09:00:30Z',
      'InProgress',
      'Pending',
      '2025-06-02T09:00:00Z',
    ],
    ['claim-waiting', NOW, 'InProgress', 'Waiting', '2025-06-02T09:58:31Z'],
    ['claim-available', NOW, 'Ready', 'Available', '2025-06-02T09:56:41Z'],
    ['claim-deleting', NOW, 'Terminating', 'Deleting', '2025-06-02T09:59:10Z'],
    [
      'claim-reconcile-error-transient',
      NOW,
      'InProgress',
      'ReconcileError',
      '2025-06-02T09:59:40Z',
    ],
    [
      'claim-reconcile-error-transient',
      '2025-06-02T10:04:39Z',
      'InProgress',
      'ReconcileError',
      '2025-06-02T09:59:40Z',
    ],
    [
      'claim-reconcile-error-transient',
      '2025-06-02T10:04:40Z',
      'Failed',
      'ReconcileError',
      '2025-06-02T09:59:40Z',
    ],
    [
      'claim-reconcile-error-persistent',
      NOW,
      'Failed',
      'ReconcileError',
      '2025-06-02T09:20:01Z',
    ],
    ['claim-stale-conditions', NOW, 'InProgress', 'ConditionStale', undefined],
    [
      'composite-creating',
      NOW,
      'InProgress',
      'Creating',
      '2025-06-02T09:58:31Z',
    ],
    ['composite-available', NOW, 'Ready', 'Available', '2025-06-02T09:56:40Z'],
    [
      'composite-v2-available',
      NOW,
      'Ready',
      'Available',
      '2025-06-01T12:02:13Z',
    ],
    [
      'composite-ready-condition-stale',
      NOW,
      'InProgress',
      'ConditionStale',
      undefined,
    ],
    ['managed-creating', NOW, 'InProgress', 'Creating', '2025-06-02T09:58:34Z'],
    ['managed-available', NOW, 'Ready', 'Available', '2025-06-02T09:56:39Z'],
    [
      'managed-unavailable',
      NOW,
      'InProgress',
      'Unavailable',
      '2025-06-02T09:57:00Z',
    ],
    [
      'managed-reconcile-error-transient',
      NOW,
      'InProgress',
      'ReconcileError',
      '2025-06-02T09:59:30Z',
    ],
    [
      'managed-reconcile-error-persistent',
      NOW,
      'Failed',
      'ReconcileError',
      '2025-06-02T09:40:00Z',
    ],
    [
      'managed-ready-with-persistent-error',
      NOW,
      'Failed',
      'ReconcileError',
      '2025-06-02T08:30:00Z',
    ],
    [
      'managed-stale-error-current-ready',
      NOW,
      'Ready',
      'Available',
      '2025-05-20T08:06:10Z',
    ],
    [
      'managed-deleting',
      NOW,
      'Terminating',
      'Deleting',
      '2025-06-02T09:59:20Z',
    ],
    [
      'workload-reconciling',
      NOW,
      'InProgress',
      'RollingOut',
      '2025-06-02T09:59:00Z',
    ],
    [
      'workload-stalled',
      NOW,
      'Failed',
      'ImagePullFailed',
      '2025-06-02T09:45:00Z',
    ],
    [
      'workload-observed-generation-stale',
      NOW,
      'InProgress',
      'ObservedGenerationStale',
      undefined,
    ],
    ['workload-ready', NOW, 'Ready', 'ReplicasReady', '2025-06-01T12:01:00Z'],
    [
      'core-deployment-available',
      NOW,
      'Ready',
      'MinimumReplicasAvailable',
      '2025-06-01T12:01:10Z',
    ],
    ['core-deployment-rolling', NOW, 'InProgress', 'RollingOut', undefined],
    [
      'core-deployment-deadline-exceeded',
      NOW,
      'Failed',
      'ProgressDeadlineExceeded',
      '2025-06-02T09:50:00Z',
    ],
    ['core-pvc-bound', NOW, 'Ready', 'Bound', undefined],
    ['core-pvc-pending', NOW, 'InProgress', 'Pending', undefined],
    ['core-pod-failed', NOW, 'Failed', 'PodFailed', undefined],
    ['core-namespace-active', NOW, 'Ready', 'Active', undefined],
    [
      'core-service-loadbalancer-pending',
      NOW,
      'InProgress',
      'LoadBalancerPending',
      undefined,
    ],
  ])('%s at %s is %s (%s)', (fixture, now, state, reason, since) => {
    const status = computeResourceStatus(loadStatusFixture(fixture), { now });
    expect(status.state).toBe(state);
    expect(status.reason).toBe(reason);
    expect(status.since).toBe(since);
  });

  it('carries the deciding condition message', () => {
    const status = computeResourceStatus(
      loadStatusFixture('managed-reconcile-error-persistent'),
      { now: NOW },
    );
    expect(status.message).toMatch(/StorageQuotaExceeded/);
  });
});

describe('computeResourceStatus options', () => {
  it.each<[number, ResourceState]>([
    [10_000, 'Failed'],
    [20_000, 'Failed'],
    [20_001, 'InProgress'],
    [60 * 60 * 1000, 'InProgress'],
  ])(
    'a ReconcileError lasting 20 s with threshold %i ms is %s',
    (persistentErrorAfterMs, state) => {
      const status = computeResourceStatus(
        loadStatusFixture('claim-reconcile-error-transient'),
        { now: NOW, persistentErrorAfterMs },
      );
      expect(status.state).toBe(state);
    },
  );

  it.each<[string, Date | number | string]>([
    ['a Date', new Date('2025-06-02T10:30:00Z')],
    ['epoch milliseconds', Date.parse('2025-06-02T10:30:00Z')],
    ['an ISO string', '2025-06-02T10:30:00Z'],
  ])('accepts now as %s', (_label, now) => {
    const status = computeResourceStatus(
      loadStatusFixture('claim-reconcile-error-transient'),
      { now },
    );
    expect(status.state).toBe('Failed');
  });

  it('treats a ReconcileError without lastTransitionTime as transient', () => {
    const object = loadStatusFixture('managed-reconcile-error-persistent');
    const status = computeResourceStatus(
      {
        ...object,
        status: {
          conditions: [
            { type: 'Synced', status: 'False', reason: 'ReconcileError' },
          ],
        },
      },
      { now: NOW },
    );
    expect(status).toEqual({ state: 'InProgress', reason: 'ReconcileError' });
  });

  it.each<[number, ResourceState, string]>([
    [2 * 60 * 60 * 1000, 'InProgress', 'Pending'],
    [60 * 60 * 1000, 'Unknown', 'NoStatus'],
  ])(
    'an object created 1 h ago without status, grace %i ms, is %s',
    (newObjectGraceMs, state, reason) => {
      const status = computeResourceStatus(
        loadStatusFixture('claim-no-status'),
        { now: NOW, newObjectGraceMs },
      );
      expect(status).toMatchObject({ state, reason });
    },
  );

  it('reads Date timestamps as typed clients return them', () => {
    const status = computeResourceStatus(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'x',
          deletionTimestamp: new Date('2025-06-02T09:00:00Z'),
        },
      },
      { now: NOW },
    );
    expect(status).toMatchObject({
      state: 'Terminating',
      since: '2025-06-02T09:00:00.000Z',
    });
  });
});

describe('computeResourceStatus on malformed objects', () => {
  it.each<[string, Record<string, unknown>]>([
    ['an empty object', {}],
    ['a string status', { status: 'Ready' }],
    [
      'conditions that are not a list',
      { status: { conditions: { Ready: 'True' } } },
    ],
    [
      'malformed condition entries',
      {
        status: {
          conditions: [
            null,
            'Ready',
            { type: 'Ready' },
            { type: 'Ready', status: 'true' },
            { type: 42, status: 'True' },
          ],
        },
      },
    ],
    ['a non-numeric generation', { metadata: { generation: 'two' } }],
    [
      'an unparseable deletionTimestamp',
      { metadata: { deletionTimestamp: 'soon' } },
    ],
  ])('%s is Unknown', (_label, object) => {
    expect(computeResourceStatus(object, { now: NOW }).state).toBe('Unknown');
  });
});

describe('status rule overrides', () => {
  const databaseKey = 'demo.fractal.dev/DatabaseInstance';
  const alwaysReady: StatusRule = () => ({
    state: 'Ready',
    reason: 'Override',
  });
  const undecided: StatusRule = () => undefined;

  it.each<[string, string, StatusRule[], ResourceState, string]>([
    ['an exact key', databaseKey, [alwaysReady], 'Ready', 'Override'],
    [
      'a group wildcard',
      'demo.fractal.dev/*',
      [alwaysReady],
      'Ready',
      'Override',
    ],
    [
      'another kind',
      'demo.fractal.dev/ObjectStore',
      [alwaysReady],
      'Failed',
      'ReconcileError',
    ],
    [
      'a rule that returns undefined',
      databaseKey,
      [undecided],
      'Failed',
      'ReconcileError',
    ],
    [
      'a list, first deciding rule wins',
      databaseKey,
      [undecided, alwaysReady],
      'Ready',
      'Override',
    ],
  ])('with %s', (_label, key, rules, state, reason) => {
    const status = computeResourceStatus(
      loadStatusFixture('managed-reconcile-error-persistent'),
      { now: NOW, overrides: { [key]: rules } },
    );
    expect(status).toMatchObject({ state, reason });
  });

  it('runs before the kstatus rules and sees the context', () => {
    const rule = jest.fn<ReturnType<StatusRule>, Parameters<StatusRule>>(
      (_object, context) =>
        context.facts.deletionTimestamp
          ? { state: 'Ready', reason: 'DeletionIgnored' }
          : undefined,
    );
    const status = computeResourceStatus(
      loadStatusFixture('managed-deleting'),
      {
        now: NOW,
        overrides: { [databaseKey]: rule },
      },
    );
    expect(status.reason).toBe('DeletionIgnored');
    const context = rule.mock.calls[0][1];
    expect(context.now).toBe(Date.parse(NOW));
    expect(context.condition('Ready')).toMatchObject({ reason: 'Deleting' });
    expect(context.facts).toMatchObject({
      group: 'demo.fractal.dev',
      kind: 'DatabaseInstance',
      generation: 1,
    });
  });
});

describe('statusRuleKey', () => {
  it.each([
    ['v1', 'Pod', 'core/Pod'],
    ['apps/v1', 'Deployment', 'apps/Deployment'],
    ['platform.fractal.dev/v1alpha1', 'Bucket', 'platform.fractal.dev/Bucket'],
  ])('%s %s -> %s', (apiVersion, kind, key) => {
    expect(statusRuleKey(apiVersion, kind)).toBe(key);
  });
});
