import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  signalsServiceRef,
  type SignalPayload,
} from '@backstage/plugin-signals-node';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { platformPlugin } from '../plugin';
import { testPermissionsFactory } from './testPermissions';

/** Catalog Groups of the demo tenants and the platform team. */
export function demoGroups(tenants: string[]): Entity[] {
  return [...tenants, 'platform-team'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  }));
}

/** A test backend running the platform plugin with the given `platform` config. */
export async function startPlatformBackend(options: {
  platform: JsonObject;
  entities?: Entity[];
  onSignal?: (signal: SignalPayload) => void;
  /** The plugin's database; default: the test backend's in-memory SQLite. */
  knex?: Knex;
}): Promise<TestBackend> {
  return startTestBackend({
    features: [
      platformPlugin,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      mockServices.rootConfig.factory({ data: { platform: options.platform } }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      testPermissionsFactory,
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          async publish(signal: SignalPayload) {
            options.onSignal?.(signal);
          },
        }),
      }),
      mockServices.events.factory(),
    ],
  });
}

/** Polls until `probe` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
