import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { type Clock, type TimerHandle, systemClock } from '../informers/Clock';

/** Options of {@link TenantDirectory}. */
export interface TenantDirectoryOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** `spec.type` of tenant Groups. */
  groupType: string;
  refreshIntervalMs: number;
  /**
   * How soon to read again while the directory is empty (the catalog may not
   * have ingested the Groups yet at start, or failed to answer). Default 5 s,
   * never longer than `refreshIntervalMs`.
   */
  emptyRetryMs?: number;
  clock?: Clock;
}

const DEFAULT_EMPTY_RETRY_MS = 5_000;

/**
 * The tenants: catalog Groups of the configured `spec.type`, read with the
 * plugin's own credentials at start and then periodically. Until the first
 * read succeeds the directory is empty; a failed refresh keeps the last list.
 * While it is empty (a backend starting before the catalog has ingested its
 * Groups), it reads again every few seconds instead of waiting a whole
 * refresh interval.
 */
export class TenantDirectory {
  private tenants: string[] = [];
  private loaded = false;
  private timer: TimerHandle | undefined;
  private stopped = false;
  private readonly clock: Clock;

  constructor(private readonly options: TenantDirectoryOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Tenant Group names, sorted. */
  list(): readonly string[] {
    return this.tenants;
  }

  /** True once the catalog has answered at least once. */
  isLoaded(): boolean {
    return this.loaded;
  }

  /** Reads the Groups now. Errors are logged and the last list kept. */
  async refresh(): Promise<void> {
    const { catalog, auth, groupType, logger } = this.options;
    try {
      const { items } = await catalog.getEntities(
        {
          filter: { kind: 'Group', 'spec.type': groupType },
          fields: ['metadata.name'],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      this.tenants = items.map(e => e.metadata.name).sort();
      this.loaded = true;
    } catch (error) {
      logger.warn(
        `Could not read tenant Groups (spec.type ${groupType}) from the catalog: ${stringifyError(
          error,
        )}`,
      );
    }
  }

  /** Reads now and then every refresh interval (sooner while empty), until stopped. */
  start(): void {
    const { refreshIntervalMs, emptyRetryMs = DEFAULT_EMPTY_RETRY_MS } =
      this.options;
    const loop = async () => {
      await this.refresh();
      if (!this.stopped) {
        this.timer = this.clock.setTimeout(
          loop,
          this.tenants.length === 0
            ? Math.min(emptyRetryMs, refreshIntervalMs)
            : refreshIntervalMs,
        );
      }
    };
    void loop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
  }
}
