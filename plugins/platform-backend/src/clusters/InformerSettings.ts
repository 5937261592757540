import type { BackoffOptions } from '../informers/Backoff';
import type { Clock } from '../informers/Clock';

/** Informer tuning shared by every cluster (from `platform.informers`). */
export interface InformerSettings {
  pageSize: number;
  resyncPeriodMs: number;
  watchTimeoutSeconds: number;
  backoff: BackoffOptions;
  events: { maxPerObject: number; maxPerCluster: number };
  /** How long resource informers wait for the namespaces (tenant mapping) before starting anyway. */
  namespaceSyncTimeoutMs: number;
  clock?: Clock;
}

/** Defaults of {@link InformerSettings}. */
export const DEFAULT_INFORMER_SETTINGS: InformerSettings = {
  pageSize: 500,
  resyncPeriodMs: 10 * 60_000,
  watchTimeoutSeconds: 5 * 60,
  backoff: { initialMs: 1000, maxMs: 30_000 },
  events: { maxPerObject: 20, maxPerCluster: 10_000 },
  namespaceSyncTimeoutMs: 10_000,
};
