import type { AttemptRecord } from '../history/AttemptStore';
import { provisioningNotification } from './provisioningNotification';

const attempt: AttemptRecord = {
  id: 1,
  cluster: 'prod-eu',
  uid: 'u1',
  generation: 2,
  kind: 'PostgreSQLInstance',
  namespace: 'tenant-payments',
  name: 'orders-db',
  tenant: 'payments',
  requestedBy: 'user:default/ada',
  createdViaPortal: true,
  startedAt: 0,
  estimated: false,
};

describe('provisioningNotification', () => {
  it.each([
    [
      'ready',
      { readyAt: 95_000, durationMs: 95_000 },
      'PostgreSQLInstance tenant-payments/orders-db is Ready',
      'Provisioned on cluster prod-eu (generation 2) in 95 s.',
      'normal',
    ],
    [
      'failed',
      {
        failedAt: 5_000,
        failureReason: 'ReconcileError',
        failureMessage: 'quota exceeded',
      },
      'PostgreSQLInstance tenant-payments/orders-db failed',
      'Provisioning on cluster prod-eu (generation 2) failed (ReconcileError): quota exceeded',
      'high',
    ],
    [
      'stuck',
      { stuckAt: 15 * 60_000 },
      'PostgreSQLInstance tenant-payments/orders-db is stuck',
      'Not Ready on cluster prod-eu (generation 2) after 15 min, its provisioning objective.',
      'high',
    ],
  ] as const)('%s', (type, extra, title, description, severity) => {
    expect(
      provisioningNotification({ type, attempt: { ...attempt, ...extra } }),
    ).toEqual({
      recipients: {
        type: 'entity',
        entityRef: ['user:default/ada', 'group:default/payments'],
      },
      payload: {
        title,
        description,
        severity,
        topic: 'platform-provisioning',
        scope: 'platform-attempt:prod-eu/u1/2',
      },
    });
  });

  it.each([
    ['ada', ['user:default/ada', 'group:default/payments']],
    ['user:default/ada', ['user:default/ada', 'group:default/payments']],
    ['not a ref: at all', ['group:default/payments']],
    [undefined, ['group:default/payments']],
  ])('addresses requester %p and the tenant', (requestedBy, refs) => {
    const sent = provisioningNotification({
      type: 'ready',
      attempt: { ...attempt, requestedBy },
    });
    expect(sent?.recipients).toEqual({ type: 'entity', entityRef: refs });
  });

  it('sends nothing without a requester or tenant', () => {
    expect(
      provisioningNotification({
        type: 'ready',
        attempt: { ...attempt, requestedBy: undefined, tenant: undefined },
      }),
    ).toBeUndefined();
  });
});
