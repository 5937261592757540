import { mockServices } from '@backstage/backend-test-utils';
import type { PlatformClustersService } from '@fractal/backstage-plugin-platform-node';
import type { StatusCache } from '../cache/StatusCache';
import { KindRegistry } from '../kinds/KindRegistry';
import { NamespaceTenants } from '../tenants/NamespaceTenants';
import { ClusterWatchers } from './ClusterWatchers';
import { DEFAULT_INFORMER_SETTINGS } from './InformerSettings';

/** Watchers of no cluster: synced as soon as they are started. */
function noClusters() {
  const clusters = {
    listClusters: async () => [],
    getKubeConfig: async () => {
      throw new Error('no cluster');
    },
  } as unknown as PlatformClustersService;
  return new ClusterWatchers({
    clusters,
    cache: {} as StatusCache,
    kinds: new KindRegistry([]),
    tenants: new NamespaceTenants({
      namespaceLabel: 'fractal.dev/tenant',
      namespacePattern: 'tenant-{{name}}',
    }),
    crdSelector: 'fractal.dev/self-service=true',
    settings: DEFAULT_INFORMER_SETTINGS,
    logger: mockServices.logger.mock(),
  });
}

const tick = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('ClusterWatchers.whenSynced', () => {
  it('waits for the watchers to start and list, not only to exist', async () => {
    const watchers = noClusters();
    let resolved = false;
    const waiting = watchers.whenSynced(60_000, 5).then(() => {
      resolved = true;
    });
    await tick(40);
    expect(resolved).toBe(false);
    await watchers.start();
    await waiting;
    expect(resolved).toBe(true);
    await watchers.stop();
  });

  it('gives up after the bound, and when the watchers stop', async () => {
    const bounded = noClusters();
    await expect(bounded.whenSynced(20, 5)).resolves.toBeUndefined();

    const stopping = noClusters();
    let resolved = false;
    const waiting = stopping.whenSynced(60_000, 5).then(() => {
      resolved = true;
    });
    await tick(20);
    expect(resolved).toBe(false);
    await stopping.stop();
    await waiting;
    expect(resolved).toBe(true);
  });
});
