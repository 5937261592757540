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
  clock?: Clock;
}

/**
 * The tenants: catalog Groups of the configured `spec.type`, read with the
 * plugin's own credentials at start and then periodically. Until the first
 * read succeeds the directory is empty; a failed refresh keeps the last list.
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

  /** Reads now and then every refresh interval, until stopped. */
  start(): void {
    const loop = async () => {
      await this.refresh();
      if (!this.stopped) {
        this.timer = this.clock.setTimeout(
          loop,
          this.options.refreshIntervalMs,
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
