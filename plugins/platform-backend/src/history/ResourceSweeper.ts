import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { AttemptStore } from './AttemptStore';
import type { ResourceStore } from './ResourceStore';

/** What the status cache holds now, for finding deletions nobody saw. */
export interface LiveResourceSnapshot {
  /** Clusters with the state of their informers. */
  clusters: Iterable<{ name: string; synced: boolean; connected: boolean }>;
  /** Every platform resource in the cache. */
  resources: Iterable<{ cluster: string; uid: string }>;
  /**
   * When this backend started watching (epoch ms). Every list it made came
   * after, so a stored resource last written before then that a synced
   * cache lacks is gone, whoever wrote it.
   */
  watchingSince?: number;
}

/** Clock skew between replicas allowed for {@link LiveResourceSnapshot.watchingSince}. */
const CLOCK_SKEW_MS = 1_000;

/** Options of {@link ResourceSweeper}. */
export interface ResourceSweeperOptions {
  db: Knex;
  resources: ResourceStore;
  attempts: AttemptStore;
  snapshot: () => LiveResourceSnapshot;
  /**
   * Writes every change observed before the snapshot (the recorder's queue),
   * so a deletion the watch saw is recorded at its own time, not the sweep's.
   */
  settle?: () => Promise<void>;
  logger: LoggerService;
  now: () => number;
  /**
   * Rows written this recently (and after `watchingSince`) are left alone:
   * this replica's watch may not have delivered them yet, ms.
   */
  graceMs?: number;
}

/**
 * Ends the lifetime of resources deleted while no backend watched (the
 * informers' fresh list after a start cannot report them): for each cluster
 * whose informers are connected and have listed, a stored resource that is
 * not in the cache is gone, when it was last written before this backend
 * started watching or more than `graceMs` ago. Its deletion is recorded at
 * the time of the sweep and its open attempts end as deleted.
 */
export class ResourceSweeper {
  constructor(private readonly options: ResourceSweeperOptions) {}

  /** One pass; returns how many resources were marked deleted. */
  async run(): Promise<number> {
    const { snapshot, resources, attempts, logger, db } = this.options;
    const live = snapshot();
    await this.options.settle?.();
    const now = this.options.now();
    const writtenBefore = Math.max(
      now - (this.options.graceMs ?? 120_000),
      (live.watchingSince ?? -Infinity) - CLOCK_SKEW_MS,
    );
    const present = new Map<string, Set<string>>();
    for (const r of live.resources) {
      let uids = present.get(r.cluster);
      if (!uids) {
        uids = new Set();
        present.set(r.cluster, uids);
      }
      uids.add(r.uid);
    }
    let swept = 0;
    for (const cluster of live.clusters) {
      if (!cluster.synced || !cluster.connected) continue;
      const stored = await resources.liveUids(cluster.name, writtenBefore);
      const inCache = present.get(cluster.name) ?? new Set<string>();
      for (const uid of stored.filter(u => !inCache.has(u))) {
        const marked = await db.transaction(async tx => {
          const won = await resources
            .withTransaction(tx)
            .markDeleted(cluster.name, uid, now);
          if (won) {
            await attempts
              .withTransaction(tx)
              .markOpenDeleted(cluster.name, uid, now);
          }
          return won;
        });
        if (marked) swept += 1;
      }
    }
    if (swept > 0) {
      logger.info(
        'Recorded deletions of platform resources that vanished unobserved',
        {
          resources: swept,
        },
      );
    }
    return swept;
  }
}
