import type {
  DatabaseService,
  HttpAuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ProvisioningAttempt } from '@fractal/backstage-plugin-platform-common';
import { metrics as otelMetrics } from '@opentelemetry/api';
import type express from 'express';
import type { TenantScopeResolver } from '../auth/TenantScope';
import type {
  ResourceChange,
  ResourceChangeListener,
} from '../cache/ResourceChange';
import { MetricsService } from '../metrics/MetricsService';
import { createProvisioningNotifier } from '../notifications/createProvisioningNotifier';
import {
  ProvisioningTelemetry,
  type ResourceStateSample,
  type TelemetryMeter,
} from '../telemetry/ProvisioningTelemetry';
import { AttemptStore, toProvisioningAttempt } from './AttemptStore';
import {
  createHistoryRouter,
  type HistoryServices,
} from './createHistoryRouter';
import { HistoryRecorder } from './HistoryRecorder';
import { migrateHistoryDatabase } from './migrateHistoryDatabase';
import type { ProvisioningEvent } from './ProvisioningEvent';
import { readProvisioningConfig } from './readProvisioningConfig';
import { ResourceStore } from './ResourceStore';
import { ResourceSweeper, type LiveResourceSnapshot } from './ResourceSweeper';
import { StuckDetector } from './StuckDetector';
import { TemplateRunStore } from './TemplateRunStore';

/** The tenant Groups of the catalog (the status half's `TenantDirectory` fits). */
export interface TenantGroupSource {
  /** Tenant Group names. */
  list(): readonly string[];
  /** False until the catalog answered once. */
  isLoaded(): boolean;
}

/** Options of {@link createHistoryModule}. */
export interface HistoryModuleOptions {
  database: DatabaseService;
  logger: LoggerService;
  config: Config;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  /** Scopes every route to the caller's tenants (admins see all). */
  scopes: TenantScopeResolver;
  /** Tenant Groups adoption is measured against. */
  tenantGroups: TenantGroupSource;
  /** Sends Ready / failed / stuck notifications when given (and enabled in config). */
  notifications?: NotificationService;
  /** Snapshot of the status cache for the `platform.resources` gauge. */
  resourceStates?: () => Iterable<ResourceStateSample>;
  /**
   * What the status cache holds now (clusters with their informer state, and
   * every resource's uid): lets the periodic check record deletions that
   * happened while no backend watched. Without it they stay unrecorded.
   */
  liveResources?: () => LiveResourceSnapshot;
  /**
   * Recording starts once this resolves (changes wait in order): the plugin
   * passes the informers' first list, bounded, so the cache fills first.
   */
  startRecordingAfter?: () => Promise<void>;
  /** Default: the global OpenTelemetry meter of this plugin. */
  meter?: TelemetryMeter;
  clock?: { now(): Date };
}

/** The provisioning history and metrics half of the platform backend. */
export interface HistoryModule {
  /** Subscribe to the status cache's change stream. */
  listener: ResourceChangeListener;
  /** `/history`, `/metrics/...`, `/scoreboard`, `/template-runs`. */
  router: express.Router;
  /** Attempts of one resource, newest first (for resource details). */
  attemptsOf(cluster: string, uid: string): Promise<ProvisioningAttempt[]>;
  /** Migrates the database, starts recording and the stuck check. */
  start(): Promise<void>;
  /** Stops the stuck check and writes what is queued. */
  stop(): Promise<void>;
  /** Resolves when every change received so far is written (tests, shutdown). */
  flush(): Promise<void>;
}

interface Running extends HistoryServices {
  recorder: HistoryRecorder;
  detector: StuckDetector;
  sweeper?: ResourceSweeper;
}

/**
 * Builds the history module. Reads `platform.provisioning` at once (invalid
 * config throws, so the backend refuses to start); changes received before
 * `start()` are kept and recorded once the database is ready.
 */
export function createHistoryModule(
  options: HistoryModuleOptions,
): HistoryModule {
  const config = readProvisioningConfig(options.config);
  const { logger } = options;
  const now = () =>
    options.clock ? options.clock.now().getTime() : Date.now();
  const telemetry = new ProvisioningTelemetry(
    options.meter ??
      otelMetrics.getMeter('@fractal/backstage-plugin-platform-backend'),
    options.resourceStates,
  );
  const notify =
    options.notifications && config.notificationsEnabled
      ? createProvisioningNotifier({
          notifications: options.notifications,
          logger,
        })
      : undefined;
  const onEvent = async (event: ProvisioningEvent) => {
    telemetry.record(event);
    await notify?.(event);
  };

  let running: Running | undefined;
  let starting: Promise<Running> | undefined;
  const pending: ResourceChange[] = [];
  const abort = new AbortController();

  const tenantsSource = {
    async listTenants(): Promise<string[]> {
      if (!options.tenantGroups.isLoaded()) {
        throw new ServiceUnavailableError(
          'Tenant Groups are not loaded from the catalog yet',
        );
      }
      return [...options.tenantGroups.list()];
    },
  };

  async function boot(): Promise<Running> {
    const db = await migrateHistoryDatabase(options.database);
    const attempts = new AttemptStore(db);
    const resources = new ResourceStore(db);
    const state: Running = {
      attempts,
      templateRuns: new TemplateRunStore(db),
      metrics: new MetricsService({
        db,
        tenants: tenantsSource,
        minutesSaved: config.manualMinutesSaved,
      }),
      recorder: new HistoryRecorder({
        db,
        attempts,
        resources,
        logger,
        now,
        onEvent,
        startAfter: options.startRecordingAfter,
      }),
      detector: new StuckDetector({ attempts, config, logger, now, onEvent }),
      sweeper: undefined,
    };
    if (options.liveResources) {
      state.sweeper = new ResourceSweeper({
        db,
        resources,
        attempts,
        snapshot: options.liveResources,
        settle: () => state.recorder.flush(),
        logger,
        now,
      });
    }
    for (const change of pending.splice(0)) {
      state.recorder.listener(change);
    }
    await options.scheduler.scheduleTask({
      id: 'platform-provisioning-stuck-check',
      frequency: { milliseconds: config.stuckCheckIntervalMs },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 5 },
      scope: 'global',
      signal: abort.signal,
      fn: async () => {
        await state.detector.run();
        await state.sweeper?.run();
      },
    });
    running = state;
    return state;
  }

  const services = async (): Promise<HistoryServices> => {
    if (running) return running;
    if (!starting) {
      throw new ServiceUnavailableError('The provisioning history is starting');
    }
    return starting;
  };

  return {
    listener: change => {
      if (running) {
        running.recorder.listener(change);
      } else {
        pending.push(change);
      }
    },
    router: createHistoryRouter({
      scopes: options.scopes,
      httpAuth: options.httpAuth,
      services,
      now,
    }),
    async attemptsOf(cluster, uid) {
      const { attempts } = await services();
      return (await attempts.forResource(cluster, uid)).map(
        toProvisioningAttempt,
      );
    },
    async start() {
      starting ??= boot();
      await starting;
    },
    async stop() {
      abort.abort();
      await running?.recorder.flush();
    },
    async flush() {
      await running?.recorder.flush();
    },
  };
}
