import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  platformPermissions,
  type StatusRuleSet,
} from '@fractal/backstage-plugin-platform-common';
import type { PlatformClustersService } from '@fractal/backstage-plugin-platform-node';
import type { KubeConfig } from '@kubernetes/client-node';
import express from 'express';
import { PermissionTenantScopeResolver } from './auth/PermissionTenantScopeResolver';
import type { TenantScopeResolver } from './auth/TenantScope';
import type { ResourceChangeListener } from './cache/ResourceChange';
import { StatusCache } from './cache/StatusCache';
import { StatusEvaluator } from './cache/StatusEvaluator';
import { ClusterWatchers } from './clusters/ClusterWatchers';
import { readPlatformBackendOptions } from './config/readPlatformBackendOptions';
import { createResourceEventPublisher } from './events/createResourceEventPublisher';
import type { KubeTransport } from './informers/KubeTransport';
import { KindRegistry } from './kinds/KindRegistry';
import { platformResourcePermissionRules } from './permissions/conditions';
import { platformResourcePermissionResourceRef } from './permissions/platformResourcePermissionResourceRef';
import {
  type AttemptsSource,
  ResourceQueries,
} from './resources/ResourceQueries';
import { createRouter } from './router';
import { createStatusSignalPublisher } from './signals/StatusSignalPublisher';
import { NamespaceTenants } from './tenants/NamespaceTenants';
import { TenantDirectory } from './tenants/TenantDirectory';

/** What the platform backend is built from; `plugin.ts` passes the services. */
export interface PlatformBackendOptions {
  config: Config;
  logger: LoggerService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  signals: SignalsService;
  events: EventsService;
  clusters: PlatformClustersService;
  /** Per-kind status rule overrides (`platformStatusRulesExtensionPoint`), in order. */
  statusRules?: readonly StatusRuleSet[];
  /** Test seam: the transport of each cluster. */
  transportFor?: (kubeConfig: KubeConfig, cluster: string) => KubeTransport;
}

/** The parts of the running backend, for wiring and tests. */
export interface PlatformBackend {
  cache: StatusCache;
  /** The status rules as configured (overrides, failure grace period). */
  evaluator: StatusEvaluator;
  kinds: KindRegistry;
  watchers: ClusterWatchers;
  directory: TenantDirectory;
  /** Namespace-to-tenant mapping as the informers see it. */
  tenants: NamespaceTenants;
  scopes: TenantScopeResolver;
  queries: ResourceQueries;
  /** The state of every cached resource, for the resources-by-state gauge. */
  resourceStates(): Iterable<{
    cluster: string;
    kind: string;
    tenant?: string;
    state: string;
  }>;
  /**
   * What the cache holds now: each cluster's informer state and every
   * resource, with the time the informers started (the history's sweep of
   * deletions nobody saw).
   */
  liveResources(): {
    clusters: Array<{ name: string; synced: boolean; connected: boolean }>;
    resources: Array<{ cluster: string; uid: string }>;
    watchingSince?: number;
  };
  /** Resolves once every cluster has listed everything, or after `maxWaitMs`. */
  whenSynced(maxWaitMs: number): Promise<void>;
  /** Adds a listener of the resource change stream. */
  subscribe(name: string, listener: ResourceChangeListener): () => void;
  /** Builds the REST router; extra routers (the history module's) are mounted after the built-in ones. */
  router(extra?: express.Router[], attempts?: AttemptsSource): express.Router;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds the live-status half of the platform backend: cluster informers,
 * status cache, tenant mapping and scope, permission integration, pushes,
 * REST routes. Reads config (invalid config throws, naming the key).
 */
export function createPlatformBackend(
  options: PlatformBackendOptions,
): PlatformBackend {
  const settings = readPlatformBackendOptions(options.config);
  const { logger } = options;

  const evaluator = new StatusEvaluator({
    persistentErrorAfterMs: settings.status.failureGracePeriodMs,
    rules: options.statusRules,
  });
  const kinds = new KindRegistry(settings.includeKinds);
  const tenants = new NamespaceTenants(settings.tenants);
  const cache = new StatusCache({
    kinds,
    tenants,
    evaluator: evaluator,
    eventLimits: settings.informers.events,
    logger,
  });
  const watchers = new ClusterWatchers({
    clusters: options.clusters,
    cache,
    kinds,
    tenants,
    crdSelector: settings.crdSelector,
    settings: settings.informers,
    logger,
    transportFor: options.transportFor,
  });
  const directory = new TenantDirectory({
    catalog: options.catalog,
    auth: options.auth,
    logger,
    groupType: settings.tenants.groupType,
    refreshIntervalMs: settings.tenants.refreshIntervalMs,
  });

  options.permissionsRegistry.addResourceType({
    resourceRef: platformResourcePermissionResourceRef,
    permissions: platformPermissions,
    rules: Object.values(platformResourcePermissionRules),
    async getResources(refs) {
      // Resource refs are `<cluster>/<uid>`.
      return refs.map(ref => {
        const slash = ref.indexOf('/');
        const entry =
          slash > 0
            ? cache.resource(ref.slice(0, slash), ref.slice(slash + 1))
            : undefined;
        return entry ? { tenant: entry.tenant } : undefined;
      });
    },
  });
  const scopes = new PermissionTenantScopeResolver({
    httpAuth: options.httpAuth,
    permissions: options.permissions,
    ruleset: options.permissionsRegistry.getPermissionRuleset(
      platformResourcePermissionResourceRef,
    ),
    knownTenants: () => new Set([...directory.list(), ...cache.tenants()]),
  });

  cache.subscribe(
    'signals',
    createStatusSignalPublisher({
      signals: options.signals,
      platformTeamRef: settings.platformTeamRef,
      logger,
    }),
  );
  cache.subscribe(
    'catalog-events',
    createResourceEventPublisher({ events: options.events }),
  );

  const queries = new ResourceQueries({ cache, evaluator });
  let watchingSince: number | undefined;

  return {
    cache,
    evaluator,
    kinds,
    watchers,
    directory,
    tenants,
    scopes,
    queries,
    *resourceStates() {
      for (const entry of cache.allResources()) {
        yield {
          cluster: entry.cluster,
          kind: entry.object.kind,
          tenant: entry.tenant,
          state: entry.status.state,
        };
      }
    },
    liveResources() {
      return {
        clusters: watchers.health().map(h => ({
          name: h.name,
          synced: h.synced,
          connected: h.connected,
        })),
        resources: [...cache.allResources()].map(entry => ({
          cluster: entry.cluster,
          uid: entry.object.metadata.uid,
        })),
        watchingSince,
      };
    },
    whenSynced: maxWaitMs => watchers.whenSynced(maxWaitMs),
    subscribe: (name, listener) => cache.subscribe(name, listener),
    router(extra = [], attempts) {
      return createRouter({
        scopes,
        httpAuth: options.httpAuth,
        catalog: options.catalog,
        kinds,
        health: () => watchers.health(),
        queries: attempts
          ? new ResourceQueries({
              cache,
              evaluator: evaluator,
              attempts,
            })
          : queries,
        extra,
      });
    },
    async start() {
      directory.start();
      watchingSince = Date.now();
      await watchers.start();
    },
    async stop() {
      directory.stop();
      await watchers.stop();
    },
  };
}
