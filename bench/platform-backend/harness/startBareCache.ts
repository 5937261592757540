import { ConfigReader } from '@backstage/config';
import { ConfigPlatformClustersService } from '@fractal/backstage-plugin-platform-node';
import {
  DEFAULT_CRD_SELECTOR,
  LABEL_TENANT,
} from '@fractal/backstage-plugin-platform-common';
import { StatusCache } from '../../../plugins/platform-backend/src/cache/StatusCache';
import { StatusEvaluator } from '../../../plugins/platform-backend/src/cache/StatusEvaluator';
import { ClusterWatchers } from '../../../plugins/platform-backend/src/clusters/ClusterWatchers';
import { DEFAULT_INFORMER_SETTINGS } from '../../../plugins/platform-backend/src/clusters/InformerSettings';
import { KindRegistry } from '../../../plugins/platform-backend/src/kinds/KindRegistry';
import { NamespaceTenants } from '../../../plugins/platform-backend/src/tenants/NamespaceTenants';
import { benchLogger } from './benchLogger';
import { type BenchClusters, clustersConfig } from './startClusters';

/**
 * The backend's informers and status cache alone (no HTTP, no database), as
 * the platform plugin builds them, over the bench clusters.
 */
export function createBareCache(clusters: BenchClusters) {
  const kinds = new KindRegistry();
  const tenants = new NamespaceTenants({
    namespaceLabel: LABEL_TENANT,
    namespacePattern: 'tenant-{{name}}',
  });
  const logger = benchLogger();
  const cache = new StatusCache({
    kinds,
    tenants,
    evaluator: new StatusEvaluator(),
    eventLimits: DEFAULT_INFORMER_SETTINGS.events,
    logger,
  });
  const watchers = new ClusterWatchers({
    clusters: ConfigPlatformClustersService.fromConfig(
      new ConfigReader({ platform: { clusters: clustersConfig(clusters) } }),
    ),
    cache,
    kinds,
    tenants,
    crdSelector: DEFAULT_CRD_SELECTOR,
    settings: {
      ...DEFAULT_INFORMER_SETTINGS,
      pageSize: Number(
        process.env.BENCH_PAGE_SIZE ?? DEFAULT_INFORMER_SETTINGS.pageSize,
      ),
    },
    logger,
  });
  return { cache, watchers };
}

/** Resolves when every cluster has listed everything; returns the milliseconds it took. */
export async function waitForSync(
  watchers: ClusterWatchers,
  started: number,
  timeoutMs = 120_000,
): Promise<number> {
  for (;;) {
    const health = watchers.health();
    if (health.length > 0 && health.every(h => h.synced)) {
      return performance.now() - started;
    }
    if (performance.now() - started > timeoutMs) {
      throw new Error(
        `not synced after ${timeoutMs} ms: ${JSON.stringify(health)}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}
