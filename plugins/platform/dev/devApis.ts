import type { Entity } from '@backstage/catalog-model';
import type { SignalApi } from '@backstage/plugin-signals-react';
import type { ResourceState } from '@fractal/backstage-plugin-platform-common';
import { MockPlatformApi } from '../src';

/** The demo platform the dev app shows. */
export const mockPlatformApi = new MockPlatformApi({ latencyMs: 300 });

const FLIPS: Array<[string, string, ResourceState[]]> = [
  ['dev', 'uid-dev-orders-cache', ['InProgress', 'Ready']],
  [
    'prod-eu',
    'uid-prod-eu-orders-db',
    ['Ready', 'Failed', 'InProgress', 'Ready'],
  ],
];

/**
 * A signal API that plays the operator: every 10 seconds one demo resource
 * changes state and a `platform:resource-status` signal is pushed, so the
 * cards can be seen updating live.
 */
export function createDemoSignalApi(): SignalApi {
  const subscribers = new Map<string, Set<(message: never) => void>>();
  let step = 0;
  setInterval(() => {
    const [cluster, uid, states] = FLIPS[step % FLIPS.length];
    const state = states[Math.floor(step / FLIPS.length) % states.length];
    step += 1;
    const payload = mockPlatformApi.setState(cluster, uid, state);
    subscribers
      .get('platform:resource-status')
      ?.forEach(callback => callback(payload as never));
  }, 10_000);
  return {
    subscribe(channel, onMessage) {
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set);
      const callback = onMessage as (message: never) => void;
      set.add(callback);
      return {
        unsubscribe: () => {
          set.delete(callback);
        },
      };
    },
  };
}

/** The guest user of the dev app belongs to two demo teams. */
export const demoGroups: Entity[] = ['payments', 'search', 'finance'].map(
  (name, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: {
      type: i < 2 ? 'team' : 'department',
      children: [],
      profile: { displayName: name[0].toUpperCase() + name.slice(1) },
    },
    relations: ['user:development/guest', 'user:default/guest'].map(
      targetRef => ({ type: 'hasMember', targetRef }),
    ),
  }),
);
