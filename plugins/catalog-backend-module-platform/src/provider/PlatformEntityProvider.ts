import type {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ForwardedError, ResponseError } from '@backstage/errors';
import type {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type {
  EventParams,
  EventsService,
} from '@backstage/plugin-events-node';
import {
  EVENTS_TOPIC_PLATFORM_RESOURCE,
  type PlatformResourceChangeEvent,
} from '@fractal/backstage-plugin-platform-common';
import type { PlatformApiClient } from '@fractal/backstage-plugin-platform-node';
import type { PlatformProviderConfig } from '../config/readPlatformProviderConfig';
import { buildPlatformEntities } from '../transforms/buildPlatformEntities';
import { coveredKinds } from '../transforms/coveredKinds';

/** The calls of the platform backend's API the provider makes. @public */
export type PlatformReadClient = Pick<
  PlatformApiClient,
  'listKinds' | 'listResources' | 'listClusters'
>;

/** Options of {@link PlatformEntityProvider}. @public */
export interface PlatformEntityProviderOptions {
  client: PlatformReadClient;
  auth: AuthService;
  logger: LoggerService;
  /** Runs the full refresh on the configured schedule. */
  taskRunner: SchedulerServiceTaskRunner;
  config: PlatformProviderConfig;
  /** When given (and `events.enabled`), `platform.resource` events trigger a refresh. */
  events?: EventsService;
  /**
   * The catalog, to find hand-written templates (annotated `fractal.dev/kind`)
   * before generating templates; without it no template is generated.
   */
  catalog?: Pick<CatalogService, 'getEntities'>;
  /** Quiet time after a change event before the refresh, so a burst costs one read. Default 1000 ms. */
  debounceMs?: number;
}

/** What a refresh did. @public */
export interface PlatformRefreshResult {
  /** `full` replaces the provider's entities; `delta` only adds while some cluster is still syncing. */
  mutation: 'full' | 'delta';
  entities: number;
  syncingClusters: string[];
}

const DEFAULT_DEBOUNCE_MS = 1000;

function changeMeta(payload: unknown): Record<string, string> {
  if (typeof payload !== 'object' || payload === null) {
    return {};
  }
  const change = payload as Partial<PlatformResourceChangeEvent>;
  const meta: Record<string, string> = {};
  for (const key of ['type', 'cluster', 'uid', 'kind'] as const) {
    const value = change[key];
    if (typeof value === 'string') {
      meta[key] = value;
    }
  }
  return meta;
}

/**
 * Provides the platform as catalog entities: every platform resource as a
 * `Resource` owned by its tenant, every platform kind as an `API` of type
 * `crd`. It reads from the platform backend's API with the module's own
 * service credentials (the backend answers from its informer cache, so the
 * catalog never calls a cluster), on a schedule and promptly after
 * `platform.resource` events.
 *
 * @public
 */
export class PlatformEntityProvider implements EntityProvider {
  static readonly providerName = 'PlatformEntityProvider';

  readonly #options: PlatformEntityProviderOptions;
  readonly #logger: LoggerService;
  #connection?: EntityProviderConnection;
  #queue: Promise<unknown> = Promise.resolve();
  #timer?: ReturnType<typeof setTimeout>;
  #lastSummary?: string;
  #lastCoveredKinds?: ReadonlySet<string>;

  constructor(options: PlatformEntityProviderOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ provider: PlatformEntityProvider.providerName });
  }

  getProviderName(): string {
    return PlatformEntityProvider.providerName;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh('schedule');
      },
    });
    const { events, config } = this.#options;
    if (events && config.events.enabled) {
      await events.subscribe({
        id: 'platform-entity-provider',
        topics: [EVENTS_TOPIC_PLATFORM_RESOURCE],
        onEvent: async params => this.#onChange(params),
      });
    }
  }

  /** Stops a pending event-triggered refresh (the module calls it on shutdown). */
  stop(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /**
   * Reads the platform and applies the entities. Refreshes never overlap: a
   * call made while one runs starts when it ends, so an older read is never
   * applied after a newer one.
   */
  refresh(trigger: 'schedule' | 'event'): Promise<PlatformRefreshResult> {
    const run = this.#queue.then(() => this.#refreshOnce(trigger));
    // The queue only orders refreshes; each caller gets its own outcome from `run`.
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #onChange(params: EventParams): Promise<void> {
    this.#logger.debug('Platform resource changed; refreshing soon', changeMeta(params.eventPayload));
    if (this.#timer) {
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.refresh('event').catch(error => {
        this.#logger.error(
          'Refresh after a platform resource change failed; the next scheduled refresh retries',
          error,
        );
      });
    }, this.#options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    this.#timer.unref?.();
  }

  async #refreshOnce(trigger: 'schedule' | 'event'): Promise<PlatformRefreshResult> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error(`${this.getProviderName()} is not connected to the catalog`);
    }
    const { config } = this.#options;
    const snapshot = await this.#read();
    const built = buildPlatformEntities(
      { ...snapshot, coveredKinds: await this.#coveredKinds() },
      config,
    );
    if (built.duplicates.length) {
      this.#logger.warn('Platform objects mapped to one entity; only the first is provided', {
        duplicates: built.duplicates.slice(0, 20).join(', '),
        count: built.duplicates.length,
      });
    }

    // While a cluster is still on its first list, its resources may be
    // missing: add and update only, so no entity is deleted for want of data.
    const syncingClusters = snapshot.clusters.filter(c => !c.synced).map(c => c.name);
    const mutation: PlatformRefreshResult['mutation'] = syncingClusters.length
      ? 'delta'
      : 'full';
    if (mutation === 'full') {
      await connection.applyMutation({ type: 'full', entities: built.entities });
    } else {
      await connection.applyMutation({ type: 'delta', added: built.entities, removed: [] });
    }

    const meta = {
      trigger,
      mutation,
      entities: built.entities.length,
      resources: built.counts.resources,
      kinds: built.counts.kinds,
      templates: built.counts.templates,
      syncingClusters: syncingClusters.join(','),
    };
    const summary = JSON.stringify({ ...meta, trigger: undefined });
    if (summary !== this.#lastSummary) {
      this.#lastSummary = summary;
      this.#logger.info(
        syncingClusters.length
          ? `Provided ${built.entities.length} platform entities; removals wait until every cluster has synced`
          : `Provided ${built.entities.length} platform entities`,
        meta,
      );
    } else {
      this.#logger.debug(`Provided ${built.entities.length} platform entities`, meta);
    }
    return { mutation, entities: built.entities.length, syncingClusters };
  }

  /**
   * The kinds hand-written templates cover, from the catalog. When the catalog
   * cannot answer, the last answer stands (or, before any, no template is
   * generated), so a failed lookup never turns templates on and off.
   */
  async #coveredKinds(): Promise<ReadonlySet<string> | undefined> {
    const { catalog, auth, config } = this.#options;
    if (!catalog || !config.templates.enabled) {
      return undefined;
    }
    try {
      const { items } = await catalog.getEntities(
        {
          filter: { kind: 'Template' },
          fields: ['kind', 'metadata.name', 'metadata.annotations'],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      this.#lastCoveredKinds = coveredKinds(items);
    } catch (error) {
      this.#logger.warn(
        this.#lastCoveredKinds
          ? 'Could not list templates in the catalog; generated templates follow the last known list'
          : 'Could not list templates in the catalog; no template is generated until it answers',
        error instanceof Error ? error : { error: String(error) },
      );
    }
    return this.#lastCoveredKinds;
  }

  async #read() {
    const { client, auth } = this.#options;
    const credentials = await auth.getOwnServiceCredentials();
    try {
      const [kinds, resources, clusters] = await Promise.all([
        client.listKinds({ credentials }),
        client.listResources({}, { credentials }),
        client.listClusters({ credentials }),
      ]);
      return {
        kinds: kinds.items,
        resources: resources.items,
        clusters: clusters.items,
      };
    } catch (error) {
      // A ResponseError's own message is only the status; its cause says why.
      const reason =
        error instanceof ResponseError ? ` (${error.cause.message})` : '';
      throw new ForwardedError(
        `Could not read platform kinds and resources from the platform backend${reason}; the catalog keeps its current entities`,
        error,
      );
    }
  }
}
