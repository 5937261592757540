import type { Entity } from '@backstage/catalog-model';
import type { TestBackend } from '@backstage/backend-test-utils';
import type { SignalPayload } from '@backstage/plugin-signals-node';
import type { Knex } from 'knex';
import type { AddressInfo } from 'node:net';
import {
  demoGroups,
  startPlatformBackend,
} from '../../../plugins/platform-backend/src/__testUtils__/startPlatformBackend';
import { BENCH_COMPONENT, TENANTS } from './benchClaims';
import { type BenchClusters, clustersConfig } from './startClusters';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: BENCH_COMPONENT, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

/**
 * The whole platform plugin in a Backstage test backend (mock catalog, the
 * demo permission decisions, in-process signals) over the bench clusters,
 * with a keep-alive HTTP client for its API. The history is kept in `knex`
 * when given, else in the test backend's in-memory SQLite.
 */
export async function startFullBackend(
  clusters: BenchClusters,
  onSignal?: (signal: SignalPayload) => void,
  knex?: Knex,
) {
  const backend: TestBackend = await startPlatformBackend({
    platform: { clusters: clustersConfig(clusters) },
    entities: [...demoGroups(TENANTS), component],
    onSignal,
    knex,
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/platform`;
  const once = async (path: string, authorization: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization } });
    return { status: res.status, body: await res.json() };
  };
  /** GET with one retry when a kept-alive connection was closed under us. */
  const get = async (path: string, authorization: string) => {
    try {
      return await once(path, authorization);
    } catch {
      return once(path, authorization);
    }
  };
  return {
    backend,
    get,
    async stop() {
      await backend.stop();
    },
  };
}
