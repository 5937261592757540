import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_COMPONENT_REF,
  LABEL_COMPONENT,
  type PlatformKind,
  type ResourceEvent,
  type ResourceStatus,
} from '@fractal/backstage-plugin-platform-common';
import type { ListWatchChange } from '../informers/ListWatch';
import type { KindRegistry } from '../kinds/KindRegistry';
import type { NamespaceTenants } from '../tenants/NamespaceTenants';
import { ChangeEmitter } from './ChangeEmitter';
import { ClusterObjects } from './ClusterObjects';
import {
  type CachedEvent,
  EventStore,
  type EventStoreLimits,
} from './EventStore';
import type { KubeObject, ResourceChangeListener } from './ResourceChange';
import { sameStatus, type StatusEvaluator } from './StatusEvaluator';

/** One platform resource in the cache. */
export interface CachedResource {
  readonly cluster: string;
  /** `group/kind` of its platform kind. */
  readonly kindKey: string;
  object: KubeObject;
  status: ResourceStatus;
  /** From the namespace, never from the object's own labels. */
  tenant?: string;
}

interface ClusterState {
  objects: ClusterObjects;
  resources: Map<string, CachedResource>;
  events: EventStore;
}

/** Options of {@link StatusCache}. */
export interface StatusCacheOptions {
  kinds: KindRegistry;
  tenants: NamespaceTenants;
  evaluator: StatusEvaluator;
  eventLimits: EventStoreLimits;
  logger: LoggerService;
  now?: () => number;
}

/** Index keys of the component a resource serves: its label and its annotation. */
export function componentKeys(object: KubeObject): string[] {
  const keys: string[] = [];
  const label = object.metadata.labels?.[LABEL_COMPONENT];
  const ref = object.metadata.annotations?.[ANNOTATION_COMPONENT_REF];
  if (label) keys.push(`label:${label}`);
  if (ref) keys.push(`ref:${ref.toLocaleLowerCase('en-US')}`);
  return keys;
}

/**
 * The in-memory state every read is answered from: platform resources with
 * their status and tenant, the objects of their trees, and bounded Events, per
 * cluster. Informers write into it; it applies the status rules and emits a
 * {@link ResourceChange} per resource change to its listeners.
 */
export class StatusCache {
  private readonly clusters = new Map<string, ClusterState>();
  private readonly byTenant = new Map<string, Set<CachedResource>>();
  private readonly byComponent = new Map<string, Set<CachedResource>>();
  private readonly emitter: ChangeEmitter;
  /** The kind as last emitted, for changes after a kind was removed. */
  private readonly lastKinds = new Map<string, PlatformKind>();
  private readonly now: () => number;

  constructor(private readonly options: StatusCacheOptions) {
    this.emitter = new ChangeEmitter(options.logger);
    this.now = options.now ?? Date.now;
  }

  /** Adds a listener of resource changes; returns the unsubscribe function. */
  subscribe(name: string, listener: ResourceChangeListener): () => void {
    return this.emitter.subscribe(name, listener);
  }

  /** Resolves when every listener has handled every change so far. */
  whenIdle(): Promise<void> {
    return this.emitter.whenIdle();
  }

  private cluster(name: string): ClusterState {
    let state = this.clusters.get(name);
    if (!state) {
      state = {
        objects: new ClusterObjects(name),
        resources: new Map(),
        events: new EventStore(this.options.eventLimits),
      };
      this.clusters.set(name, state);
    }
    return state;
  }

  private index(entry: CachedResource) {
    const add = (map: Map<string, Set<CachedResource>>, key: string) => {
      let set = map.get(key);
      if (!set) {
        set = new Set();
        map.set(key, set);
      }
      set.add(entry);
    };
    add(this.byTenant, entry.tenant ?? '');
    componentKeys(entry.object).forEach(k => add(this.byComponent, k));
  }

  private unindex(entry: CachedResource) {
    const remove = (map: Map<string, Set<CachedResource>>, key: string) => {
      const set = map.get(key);
      set?.delete(entry);
      if (set && set.size === 0) map.delete(key);
    };
    remove(this.byTenant, entry.tenant ?? '');
    componentKeys(entry.object).forEach(k => remove(this.byComponent, k));
  }

  private emit(
    type: 'added' | 'modified' | 'deleted',
    entry: CachedResource,
    initial: boolean,
    previous?: { object: KubeObject; status: ResourceStatus; tenant?: string },
    object: KubeObject = entry.object,
    status: ResourceStatus = entry.status,
  ) {
    const kind =
      this.options.kinds.get(parseKindKey(entry.kindKey)) ??
      this.lastKinds.get(entry.kindKey);
    if (kind) this.lastKinds.set(entry.kindKey, kind);
    if (!kind) {
      this.options.logger.warn(
        `No platform kind ${entry.kindKey} for a change of ${entry.cluster}/${object.metadata.uid}`,
      );
      return;
    }
    this.emitter.emit({
      type,
      cluster: entry.cluster,
      kind,
      object,
      previous: previous?.object,
      status,
      previousStatus: previous?.status,
      tenant: entry.tenant,
      ...(previous ? { previousTenant: previous.tenant } : {}),
      observedAt: new Date(this.now()),
      initial,
    });
  }

  /** Applies a change of a platform resource (a claim of a platform kind). */
  applyResource(
    cluster: string,
    kindKey: string,
    change: ListWatchChange<KubeObject>,
  ): void {
    const state = this.cluster(cluster);
    const object = change.object;
    const uid = object.metadata.uid;
    const existing = state.resources.get(uid);
    if (change.type === 'deleted') {
      if (!existing) return;
      state.resources.delete(uid);
      state.objects.remove(existing.object);
      this.unindex(existing);
      const status = this.options.evaluator.evaluate(object);
      this.emit('deleted', existing, change.initial, existing, object, status);
      return;
    }
    const status = this.options.evaluator.evaluate(object);
    const tenant = this.options.tenants.tenantOf(
      cluster,
      object.metadata.namespace,
    );
    if (existing) {
      const previous = {
        object: existing.object,
        status: existing.status,
        tenant: existing.tenant,
      };
      this.unindex(existing);
      state.objects.upsert(object, existing.object);
      existing.object = object;
      existing.status = status;
      existing.tenant = tenant;
      this.index(existing);
      this.emit('modified', existing, change.initial, previous);
      return;
    }
    const entry: CachedResource = { cluster, kindKey, object, status, tenant };
    state.resources.set(uid, entry);
    state.objects.upsert(object);
    this.index(entry);
    this.emit('added', entry, change.initial);
  }

  /** Applies a change of an object that may sit in a tree (composite, managed resource). */
  applyObject(cluster: string, change: ListWatchChange<KubeObject>): void {
    const { objects, resources } = this.cluster(cluster);
    if (resources.has(change.object.metadata.uid)) return; // watched as a resource too
    if (change.type === 'deleted') objects.remove(change.object);
    else
      objects.upsert(
        change.object,
        change.type === 'modified' ? change.previous : undefined,
      );
  }

  /** Applies a change of an Event. */
  applyEvent(cluster: string, change: ListWatchChange<CachedEvent>): void {
    const { events } = this.cluster(cluster);
    if (change.type === 'deleted') events.delete(change.object.metadata.uid);
    else events.upsert(change.object);
  }

  /** Re-reads the tenant of the resources in a namespace whose mapping changed. */
  retenantNamespace(cluster: string, namespace: string): void {
    const state = this.clusters.get(cluster);
    if (!state) return;
    const tenant = this.options.tenants.tenantOf(cluster, namespace);
    for (const entry of state.resources.values()) {
      if (
        entry.object.metadata.namespace !== namespace ||
        entry.tenant === tenant
      ) {
        continue;
      }
      const previous = { ...entry };
      this.unindex(entry);
      entry.tenant = tenant;
      this.index(entry);
      this.emit('modified', entry, false, previous);
    }
  }

  /** Removes the resources of a kind a cluster stopped serving. */
  removeKind(cluster: string, kindKey: string): void {
    const state = this.clusters.get(cluster);
    if (!state) return;
    for (const entry of [...state.resources.values()]) {
      if (entry.kindKey !== kindKey) continue;
      state.resources.delete(entry.object.metadata.uid);
      state.objects.remove(entry.object);
      this.unindex(entry);
      this.emit('deleted', entry, false, entry);
    }
  }

  /**
   * Re-evaluates resources still in progress: some rules depend on time (a
   * ReconcileError turns Failed once persistent). Emits `modified` with the
   * same object for each status that changed. Works in slices of
   * `sliceSize`, yielding to the event loop between them, so a large cache
   * never stalls requests.
   */
  async recheckStatuses(sliceSize = 500): Promise<number> {
    const pending: CachedResource[] = [];
    for (const state of this.clusters.values()) {
      for (const entry of state.resources.values()) {
        if (entry.status.state === 'InProgress') pending.push(entry);
      }
    }
    let changed = 0;
    for (let i = 0; i < pending.length; i += sliceSize) {
      if (i > 0) await new Promise(resolve => setImmediate(resolve));
      for (const entry of pending.slice(i, i + sliceSize)) {
        const current = this.resource(entry.cluster, entry.object.metadata.uid);
        if (current !== entry) continue; // deleted or replaced meanwhile
        const status = this.options.evaluator.evaluate(entry.object);
        if (sameStatus(entry.status, status)) continue;
        const previous = { ...entry };
        entry.status = status;
        this.emit('modified', entry, false, previous);
        changed += 1;
      }
    }
    return changed;
  }

  // ---- reads -------------------------------------------------------------

  resource(cluster: string, uid: string): CachedResource | undefined {
    return this.clusters.get(cluster)?.resources.get(uid);
  }

  /** Resources of a tenant (`undefined`: those without a tenant). */
  resourcesOfTenant(tenant: string | undefined): Iterable<CachedResource> {
    return this.byTenant.get(tenant ?? '') ?? [];
  }

  /** Tenants that own at least one resource. */
  tenants(): string[] {
    return [...this.byTenant.keys()].filter(t => t !== '');
  }

  /** Every resource. */
  *allResources(): Iterable<CachedResource> {
    for (const state of this.clusters.values()) {
      yield* state.resources.values();
    }
  }

  /** Resources labelled with the component name, or annotated with its entity ref. */
  resourcesOfComponent(name: string, entityRef: string): CachedResource[] {
    const out = new Set<CachedResource>();
    this.byComponent.get(`label:${name}`)?.forEach(e => out.add(e));
    this.byComponent
      .get(`ref:${entityRef.toLocaleLowerCase('en-US')}`)
      ?.forEach(e => out.add(e));
    return [...out];
  }

  /** The tree lookup of a cluster. */
  objects(cluster: string): ClusterObjects | undefined {
    return this.clusters.get(cluster)?.objects;
  }

  events(
    cluster: string,
    uids: Iterable<string>,
    limit: number,
  ): ResourceEvent[] {
    return this.clusters.get(cluster)?.events.forObjects(uids, limit) ?? [];
  }

  /** Sizes per cluster, for health and benchmarks. */
  counts(cluster: string): {
    resources: number;
    objects: number;
    events: number;
  } {
    const state = this.clusters.get(cluster);
    return {
      resources: state?.resources.size ?? 0,
      objects: state?.objects.size ?? 0,
      events: state?.events.size ?? 0,
    };
  }
}

/** Splits a `group/kind` key. */
export function parseKindKey(key: string): { group: string; kind: string } {
  const slash = key.lastIndexOf('/');
  return { group: key.slice(0, slash), kind: key.slice(slash + 1) };
}
