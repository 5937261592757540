import { mockServices } from '@backstage/backend-test-utils';
import type { ResourceChange } from '../cache/ResourceChange';
import {
  createStatusSignalPublisher,
  isSignalWorthy,
} from './StatusSignalPublisher';

function change(over: Partial<ResourceChange>): ResourceChange {
  return {
    type: 'modified',
    cluster: 'dev',
    kind: {
      group: 'g',
      version: 'v1',
      kind: 'Bucket',
      plural: 'buckets',
      scope: 'Namespaced',
      title: 'Bucket',
      clusters: ['dev'],
      source: 'config',
    },
    object: {
      apiVersion: 'g/v1',
      kind: 'Bucket',
      metadata: { name: 'b', namespace: 'tenant-payments', uid: 'u1' },
    },
    status: { state: 'Ready' },
    previousStatus: { state: 'InProgress' },
    tenant: 'payments',
    observedAt: new Date(0),
    initial: false,
    ...over,
  };
}

describe('StatusSignalPublisher', () => {
  it.each<[string, Partial<ResourceChange>, boolean]>([
    ['a state change', {}, true],
    ['a state change found by a relist', { initial: true }, true],
    [
      'the same state',
      { previousStatus: { state: 'Ready', reason: 'Other' } },
      false,
    ],
    ['a resource created', { type: 'added', previousStatus: undefined }, true],
    [
      'a resource first listed',
      { type: 'added', previousStatus: undefined, initial: true },
      false,
    ],
    [
      'a resource deleted',
      { type: 'deleted', previousStatus: { state: 'Ready' } },
      true,
    ],
  ])('pushes %s: %s', (_what, over, expected) => {
    expect(isSignalWorthy(change(over))).toBe(expected);
  });

  it('sends only cluster, uid, tenant and state to the tenant and the platform team', async () => {
    const publish = jest.fn();
    const listener = createStatusSignalPublisher({
      signals: { publish },
      platformTeamRef: 'group:default/platform-team',
      logger: mockServices.logger.mock(),
    });
    await listener(change({}));
    await listener(change({ tenant: undefined }));
    await listener(change({ previousStatus: { state: 'Ready' } }));
    expect(publish.mock.calls).toEqual([
      [
        {
          recipients: {
            type: 'user',
            entityRef: [
              'group:default/platform-team',
              'group:default/payments',
            ],
          },
          channel: 'platform:resource-status',
          message: {
            cluster: 'dev',
            uid: 'u1',
            tenant: 'payments',
            state: 'Ready',
          },
        },
      ],
      [
        {
          recipients: {
            type: 'user',
            entityRef: ['group:default/platform-team'],
          },
          channel: 'platform:resource-status',
          message: { cluster: 'dev', uid: 'u1', state: 'Ready' },
        },
      ],
    ]);
  });
});
