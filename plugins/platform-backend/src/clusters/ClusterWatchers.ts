import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { ClusterHealth } from '@fractal/backstage-plugin-platform-common';
import type { PlatformClustersService } from '@fractal/backstage-plugin-platform-node';
import type { KubeConfig } from '@kubernetes/client-node';
import type { StatusCache } from '../cache/StatusCache';
import { sleep, systemClock, type TimerHandle } from '../informers/Clock';
import { FetchKubeTransport } from '../informers/FetchKubeTransport';
import type { KubeTransport } from '../informers/KubeTransport';
import type { KindRegistry } from '../kinds/KindRegistry';
import type { NamespaceTenants } from '../tenants/NamespaceTenants';
import { ClusterWatcher } from './ClusterWatcher';
import type { InformerSettings } from './InformerSettings';

/** Options of {@link ClusterWatchers}. */
export interface ClusterWatchersOptions {
  clusters: PlatformClustersService;
  cache: StatusCache;
  kinds: KindRegistry;
  tenants: NamespaceTenants;
  crdSelector: string;
  settings: InformerSettings;
  logger: LoggerService;
  /** How often time-dependent status rules are re-evaluated. Default 15 s. */
  statusRecheckMs?: number;
  /** Builds the transport of a cluster; the default goes through `@kubernetes/client-node`. */
  transportFor?: (kubeConfig: KubeConfig, cluster: string) => KubeTransport;
}

/** Every cluster's {@link ClusterWatcher}, started and stopped together. */
export class ClusterWatchers {
  private watchers: ClusterWatcher[] = [];
  private recheckTimer: TimerHandle | undefined;
  private stopped = false;
  private started = false;

  constructor(private readonly options: ClusterWatchersOptions) {}

  /** Starts watching every cluster; returns once every informer is started (not synced). */
  async start(): Promise<void> {
    const { clusters, logger, settings } = this.options;
    const transportFor =
      this.options.transportFor ?? (kc => new FetchKubeTransport(kc));
    for (const cluster of await clusters.listClusters()) {
      const kubeConfig = await clusters.getKubeConfig(cluster.name, 'read');
      const watcher = new ClusterWatcher({
        cluster,
        transport: transportFor(kubeConfig, cluster.name),
        cache: this.options.cache,
        kinds: this.options.kinds,
        tenants: this.options.tenants,
        crdSelector: this.options.crdSelector,
        settings,
        logger: logger.child({ cluster: cluster.name }),
      });
      watcher.start();
      this.watchers.push(watcher);
    }
    this.started = true;
    logger.info(
      `Watching ${this.watchers.length} cluster(s): ${
        this.watchers.map(w => w.name).join(', ') || 'none'
      }`,
    );
    this.scheduleRecheck();
  }

  private scheduleRecheck() {
    const clock = this.options.settings.clock ?? systemClock;
    this.recheckTimer = clock.setTimeout(async () => {
      if (this.stopped) return;
      try {
        await this.options.cache.recheckStatuses();
      } catch (error) {
        this.options.logger.error(
          `Status recheck failed: ${stringifyError(error)}`,
        );
      }
      if (!this.stopped) this.scheduleRecheck();
    }, this.options.statusRecheckMs ?? 15_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const clock = this.options.settings.clock ?? systemClock;
    if (this.recheckTimer) clock.clearTimeout(this.recheckTimer);
    await Promise.all(this.watchers.map(w => w.stop()));
  }

  /** Health of every cluster, in configuration order. */
  health(): ClusterHealth[] {
    return this.watchers.map(w => w.health());
  }

  /** True once every cluster has listed everything at least once. */
  isSynced(): boolean {
    return this.watchers.every(w => w.health().synced);
  }

  /**
   * Resolves once the watchers are started and every cluster has listed
   * everything, or after `maxWaitMs` (a cluster may be unreachable), or when
   * they stop.
   */
  async whenSynced(maxWaitMs: number, pollMs = 100): Promise<void> {
    const clock = this.options.settings.clock ?? systemClock;
    const deadline = clock.now() + maxWaitMs;
    while (
      !this.stopped &&
      clock.now() < deadline &&
      !(this.started && this.isSynced())
    ) {
      await sleep(clock, pollMs);
    }
  }
}
