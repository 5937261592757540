import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  childReferencesOf,
  type ClusterHealth,
} from '@fractal/backstage-plugin-platform-common';
import type { KubeObject } from '../cache/ResourceChange';
import { parseEvent } from '../cache/EventStore';
import type { StatusCache } from '../cache/StatusCache';
import { sleep, systemClock, type Clock } from '../informers/Clock';
import type { KubeTransport } from '../informers/KubeTransport';
import {
  ListWatch,
  type ListWatchChange,
  type ListWatchOptions,
  type WatchedObject,
} from '../informers/ListWatch';
import { slimObject } from '../informers/slimObject';
import {
  crdToPlatformKind,
  kindKey,
  type CrdSummary,
} from '../kinds/crdToPlatformKind';
import type { ConfiguredKind, KindRegistry } from '../kinds/KindRegistry';
import type { NamespaceTenants } from '../tenants/NamespaceTenants';
import { ApiDiscovery, collectionPath } from './ApiDiscovery';
import type { InformerSettings } from './InformerSettings';

/** Options of {@link ClusterWatcher}. */
export interface ClusterWatcherOptions {
  cluster: { name: string; environment?: string };
  transport: KubeTransport;
  cache: StatusCache;
  kinds: KindRegistry;
  tenants: NamespaceTenants;
  /** Label selector of platform kind CRDs. */
  crdSelector: string;
  settings: InformerSettings;
  logger: LoggerService;
}

type Role = 'namespaces' | 'crds' | 'events' | 'resources' | 'dependents';

interface Running {
  role: Role;
  informer: ListWatch<WatchedObject>;
  /** Served version and plural, for resource informers. */
  path?: string;
}

const EVENT_RESYNC_DEBOUNCE_MS = 1000;

/**
 * Watches one cluster: namespaces (tenant mapping), the CRDs of platform
 * kinds (live kind discovery), one informer per platform kind, one per kind
 * referenced from a resource tree (composites, managed resources, found from
 * `resourceRef(s)` and resolved through API discovery), and Events about
 * objects of the watched API groups. Resource informers start once the
 * namespaces are synced (bounded wait), so the first changes already carry
 * their tenant.
 */
export class ClusterWatcher {
  private readonly running = new Map<string, Running>();
  private readonly dependents = new Set<string>();
  private readonly pendingPaths = new Map<string, string>();
  private readonly watchedGroups = new Set<string>();
  private readonly discovery: ApiDiscovery;
  private readonly clock: Clock;
  private readonly abort = new AbortController();
  private namespacesReady: Promise<void> = Promise.resolve();
  private eventsStarted = false;
  private eventResyncPending = false;

  constructor(private readonly options: ClusterWatcherOptions) {
    this.clock = options.settings.clock ?? systemClock;
    this.discovery = new ApiDiscovery(options.transport, this.clock);
  }

  get name(): string {
    return this.options.cluster.name;
  }

  private informer<T extends WatchedObject>(
    key: string,
    role: Role,
    options: Pick<
      ListWatchOptions<T>,
      'path' | 'labelSelector' | 'fieldSelector' | 'transform' | 'onChange'
    > & { onSynced?: () => void },
  ): ListWatch<T> {
    const { settings, transport, logger } = this.options;
    const informer = new ListWatch<T>({
      name: `${this.name}:${key}`,
      transport,
      pageSize: settings.pageSize,
      resyncPeriodMs: settings.resyncPeriodMs,
      watchTimeoutSeconds: settings.watchTimeoutSeconds,
      backoff: settings.backoff,
      clock: this.clock,
      logger,
      ...options,
    });
    this.running.set(key, {
      role,
      informer: informer as unknown as ListWatch<WatchedObject>,
      path: options.path,
    });
    informer.start();
    return informer;
  }

  /** Starts every informer of the cluster in the background. */
  start(): void {
    const { tenants, cache, kinds, crdSelector, settings } = this.options;
    let namespacesSynced: () => void = () => {};
    const synced = new Promise<void>(resolve => {
      namespacesSynced = resolve;
    });
    this.namespacesReady = Promise.race([
      synced,
      sleep(this.clock, settings.namespaceSyncTimeoutMs, this.abort.signal),
    ]);

    this.informer<KubeObject>('namespaces', 'namespaces', {
      path: '/api/v1/namespaces',
      transform: slimObject,
      onChange: change => {
        const name = change.object.metadata.name;
        const moved =
          change.type === 'deleted'
            ? tenants.delete(this.name, name)
            : tenants.set(this.name, change.object);
        if (moved) cache.retenantNamespace(this.name, name);
      },
      onSynced: () => namespacesSynced(),
    });

    const onCrd = (change: ListWatchChange<CrdSummary>) => {
      if (change.type === 'deleted') {
        const kind = change.object.kind;
        void this.stopResourceInformer(kindKey(kind)).then(() =>
          kinds.delete(this.name, kind),
        );
        return;
      }
      kinds.set(this.name, change.object.kind);
      this.startResourceInformer(change.object.kind);
    };
    this.informer<CrdSummary>('crds', 'crds', {
      path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      labelSelector: crdSelector,
      transform: crdToPlatformKind,
      onChange: onCrd,
      onSynced: () => this.startEvents(),
    });
    for (const kind of kinds.configuredKinds()) {
      // The CRD of a listed kind gives its schema and tells which clusters serve it.
      this.informer<CrdSummary>(`crd:${kindKey(kind)}`, 'crds', {
        path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        fieldSelector: `metadata.name=${kind.plural}.${kind.group}`,
        transform: crdToPlatformKind,
        onChange: change => {
          if (change.type === 'deleted')
            kinds.delete(this.name, change.object.kind);
          else kinds.set(this.name, change.object.kind);
        },
      });
      this.startResourceInformer(kind);
    }
  }

  private startEvents(): void {
    if (this.eventsStarted) return;
    this.eventsStarted = true;
    const { cache } = this.options;
    this.informer('events', 'events', {
      path: '/api/v1/events',
      transform: raw => {
        const event = parseEvent(this.name, raw);
        return event && this.watchedGroups.has(event.group) ? event : undefined;
      },
      onChange: change => cache.applyEvent(this.name, change),
    });
  }

  /** A new API group is watched: relist Events soon so its earlier Events are kept. */
  private watchGroup(group: string): void {
    if (this.watchedGroups.has(group)) return;
    this.watchedGroups.add(group);
    if (!this.eventsStarted || this.eventResyncPending) return;
    this.eventResyncPending = true;
    this.clock.setTimeout(() => {
      this.eventResyncPending = false;
      this.running.get('events')?.informer.requestResync();
    }, EVENT_RESYNC_DEBOUNCE_MS);
  }

  private startResourceInformer(
    kind: ConfiguredKind | CrdSummary['kind'],
  ): void {
    const key = kindKey(kind);
    const path = collectionPath(kind.group, kind.version, kind.plural);
    const existing = this.running.get(`kind:${key}`);
    if (existing?.path === path) return;
    if (existing) void this.stopResourceInformer(key);
    this.watchGroup(kind.group);
    const { cache } = this.options;
    // Until the namespaces are synced, only the latest wanted path starts.
    this.pendingPaths.set(key, path);
    void this.namespacesReady.then(() => {
      if (this.pendingPaths.get(key) !== path) return;
      this.pendingPaths.delete(key);
      if (this.abort.signal.aborted || this.running.has(`kind:${key}`)) return;
      this.informer<KubeObject>(`kind:${key}`, 'resources', {
        path,
        transform: slimObject,
        onChange: change => {
          cache.applyResource(this.name, key, change);
          if (change.type !== 'deleted') this.discoverChildren(change.object);
        },
      });
    });
  }

  /** Stops a kind's informer, then removes its resources from the cache. */
  private async stopResourceInformer(key: string): Promise<void> {
    this.pendingPaths.delete(key);
    const running = this.running.get(`kind:${key}`);
    if (!running) return;
    this.running.delete(`kind:${key}`);
    await running.informer.stop();
    this.options.cache.removeKind(this.name, key);
  }

  /** Starts informers for kinds named by the object's references, once each. */
  private discoverChildren(object: KubeObject): void {
    for (const ref of childReferencesOf(object)) {
      const group = ref.apiVersion.includes('/')
        ? ref.apiVersion.split('/')[0]
        : '';
      const key = `${group}/${ref.kind}`;
      if (this.dependents.has(key) || this.running.has(`kind:${key}`)) continue;
      this.dependents.add(key);
      void this.startDependentInformer(ref.apiVersion, ref.kind, key);
    }
  }

  private async startDependentInformer(
    apiVersion: string,
    kind: string,
    key: string,
  ): Promise<void> {
    let served;
    try {
      served = await this.discovery.resolve(apiVersion, kind);
    } catch (error) {
      this.options.logger.warn(
        `${
          this.name
        }: cannot resolve ${kind} (${apiVersion}) for resource trees: ${stringifyError(
          error,
        )}`,
      );
    }
    if (this.abort.signal.aborted) return;
    if (!served) {
      // Let a later reference try again.
      this.clock.setTimeout(() => this.dependents.delete(key), 30_000);
      return;
    }
    this.watchGroup(served.group);
    const { cache } = this.options;
    this.informer<KubeObject>(`dep:${key}`, 'dependents', {
      path: served.path,
      transform: slimObject,
      onChange: change => {
        cache.applyObject(this.name, change);
        if (change.type !== 'deleted') this.discoverChildren(change.object);
      },
    });
  }

  /** Stops every informer and waits for them. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all([...this.running.values()].map(r => r.informer.stop()));
    this.options.transport.close?.();
  }

  /**
   * Health as the informers see it: connected while no informer is failing
   * (one still listing is not a failure); synced once every informer has
   * listed. 404 (kind not served) and 403 are reported, not counted.
   */
  health(): ClusterHealth {
    const states = [...this.running.values()].map(r => r.informer.getState());
    const counted = states.filter(
      s => s.lastError?.statusCode !== 404 && s.lastError?.statusCode !== 403,
    );
    const lastError = states
      .map(s => s.lastError)
      .filter(e => e !== undefined)
      .sort((a, b) => b.at - a.at)[0];
    const lastEventAt = Math.max(0, ...states.map(s => s.lastEventAt ?? 0));
    const objects = [...this.running.values()].reduce(
      (sum, r) => sum + r.informer.size,
      0,
    );
    return {
      name: this.name,
      ...(this.options.cluster.environment
        ? { environment: this.options.cluster.environment }
        : {}),
      connected:
        counted.length > 0 &&
        counted.some(s => s.connected) &&
        !counted.some(s => s.failing),
      synced: counted.length > 0 && counted.every(s => s.synced),
      ...(lastEventAt > 0
        ? { lastEventAt: new Date(lastEventAt).toISOString() }
        : {}),
      ...(lastError
        ? {
            lastError: {
              message: lastError.message,
              at: new Date(lastError.at).toISOString(),
            },
          }
        : {}),
      kinds: [...this.running.values()].filter(r => r.role === 'resources')
        .length,
      objects,
    };
  }
}
