import { isJsonObject } from '../util/json';
import { EmulatorLogger } from '../util/logger';
import { labelsOf } from '../util/objects';
import { Random } from '../util/random';
import { crdStrategy } from '../controllers/crdStrategy';
import { GarbageCollector } from '../controllers/GarbageCollector';
import { NamespaceController } from '../controllers/NamespaceController';
import { namespaceStrategy } from '../controllers/namespaceStrategy';
import { FaultState } from '../faults/FaultState';
import { ClusterCore, TypeStrategy } from '../service/ClusterCore';
import { ObjectService } from '../service/ObjectService';
import { BUILTIN_TYPES, CRD_TYPE, NAMESPACE_TYPE } from '../store/builtinTypes';
import { ObjectStore, StoreListener } from '../store/ObjectStore';
import { objectKey } from '../store/ResourceTable';
import { TypeRegistry } from '../store/TypeRegistry';
import {
  SELF_SUBJECT_ACCESS_REVIEW,
  SELF_SUBJECT_REVIEW,
} from '../server/selfReviews';

/** Options of one emulated cluster. */
export interface EmulatedClusterOptions {
  name: string;
  environment: string;
  randomSeed: string | number;
  /** Events kept per resource for watch resume and continue tokens. */
  watchHistorySize: number;
  /** Namespace label naming a namespace's tenant. */
  tenantLabel: string;
  logger: EmulatorLogger;
  clock?: () => number;
}

/**
 * One emulated cluster: storage, served types, write rules and the built-in
 * controllers (CRDs, namespaces, garbage collection). The HTTPS server and
 * the platform operator sit on top.
 */
export class EmulatedCluster {
  readonly name: string;
  readonly environment: string;
  readonly core: ClusterCore;
  readonly service: ObjectService;
  readonly faults: FaultState;
  private readonly namespaces: NamespaceController;
  private garbageCollector: GarbageCollector | undefined;
  private readonly droppedListeners = new Set<(storageKey: string) => void>();
  private readonly unsubscribers: Array<() => void> = [];

  constructor(private readonly options: EmulatedClusterOptions) {
    this.name = options.name;
    this.environment = options.environment;
    const random = new Random(`${options.randomSeed}:${options.name}`);
    const strategies = new Map<string, TypeStrategy>();
    this.core = {
      name: options.name,
      store: new ObjectStore(options.watchHistorySize),
      registry: new TypeRegistry(),
      random,
      strategies,
      now: options.clock ?? Date.now,
    };
    for (const type of BUILTIN_TYPES) this.core.registry.register(type);
    this.core.registry.register(SELF_SUBJECT_ACCESS_REVIEW);
    this.core.registry.register(SELF_SUBJECT_REVIEW);
    this.service = new ObjectService(this.core);
    this.namespaces = new NamespaceController(
      this.core,
      this.service,
      options.logger,
    );
    strategies.set(
      NAMESPACE_TYPE.storageKey,
      namespaceStrategy(name => this.namespaces.terminate(name)),
    );
    strategies.set(
      CRD_TYPE.storageKey,
      crdStrategy(this.core, key => {
        for (const listener of this.droppedListeners) listener(key);
      }),
    );
    this.faults = new FaultState(() => random.next());
  }

  /** Starts the built-in controllers (after any persisted state is loaded). */
  startControllers(): void {
    this.garbageCollector = new GarbageCollector(
      this.core,
      this.service,
      this.options.logger,
    );
    const gc = this.garbageCollector;
    this.unsubscribers.push(
      this.subscribe(event => {
        gc.onEvent(event);
        this.namespaces.onEvent(event);
      }),
    );
    for (const stored of this.core.store
      .table(NAMESPACE_TYPE.storageKey)
      .objects.values()) {
      const meta = stored.object.metadata;
      if (isJsonObject(meta) && meta.deletionTimestamp)
        this.namespaces.terminate(String(meta.name));
    }
  }

  /** Receives every stored change, asynchronously and in order. */
  subscribe(listener: StoreListener): () => void {
    return this.core.store.subscribe(event => {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error('a controller failed to handle a change', {
          cluster: this.name,
          error: String(error),
        });
      }
    });
  }

  /** Called when a resource stops being served (its CRD was deleted). */
  onStorageDropped(listener: (storageKey: string) => void): void {
    this.droppedListeners.add(listener);
  }

  /** The tenant of a namespace: its tenant label. */
  tenantOf(namespace: string): string | undefined {
    const ns = this.core.store
      .table(NAMESPACE_TYPE.storageKey)
      .get(objectKey('', namespace));
    return ns ? labelsOf(ns.object)[this.options.tenantLabel] : undefined;
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.namespaces.stop();
    this.core.store.close();
  }
}
