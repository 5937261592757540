import { isJsonObject, JsonValue } from '../util/json';
import { EmulatorLogger } from '../util/logger';
import {
  finalizersOf,
  KubeObject,
  metaString,
  ownerReferencesOf,
} from '../util/objects';
import { ClusterCore } from '../service/ClusterCore';
import { ObjectService, PATCH_TYPES } from '../service/ObjectService';
import { StoredObject, StoreEvent } from '../store/ResourceTable';

interface Ref {
  storageKey: string;
  key: string;
}

const MANAGER = { fieldManager: 'garbage-collector' };

/**
 * Deletes objects whose owners are gone (background propagation), and
 * honours the `orphan` and `foregroundDeletion` finalizers.
 */
export class GarbageCollector {
  /** owner uid -> dependents */
  private readonly dependents = new Map<string, Map<string, Ref>>();
  /** uid -> object */
  private readonly uids = new Map<string, Ref>();

  constructor(
    private readonly core: ClusterCore,
    private readonly service: ObjectService,
    private readonly logger: EmulatorLogger,
  ) {
    for (const table of core.store.allTables()) {
      for (const stored of table.objects.values())
        this.index(table.storageKey, stored, undefined);
    }
  }

  private refId(ref: Ref): string {
    return `${ref.storageKey}\n${ref.key}`;
  }

  private index(
    storageKey: string,
    stored: StoredObject | undefined,
    previous: StoredObject | undefined,
  ): void {
    const ref = { storageKey, key: (stored ?? previous)!.key };
    const id = this.refId(ref);
    for (const owner of previous ? ownerReferencesOf(previous.object) : []) {
      this.dependents.get(owner.uid)?.delete(id);
    }
    if (previous) {
      const uid = metaString(previous.object, 'uid');
      if (uid && !stored) this.uids.delete(uid);
    }
    if (stored) {
      const uid = metaString(stored.object, 'uid');
      if (uid) this.uids.set(uid, ref);
      for (const owner of ownerReferencesOf(stored.object)) {
        let map = this.dependents.get(owner.uid);
        if (!map) {
          map = new Map();
          this.dependents.set(owner.uid, map);
        }
        map.set(id, ref);
      }
    }
  }

  onEvent(event: StoreEvent): void {
    try {
      this.handle(event);
    } catch (error) {
      this.logger.warn('garbage collection failed', {
        cluster: this.core.name,
        error: String(error),
      });
    }
  }

  private handle(event: StoreEvent): void {
    const deleted = event.type === 'DELETED';
    this.index(
      event.storageKey,
      deleted ? undefined : event.object,
      event.previous,
    );
    const obj = event.object.object;
    const uid = metaString(obj, 'uid');
    if (!uid) return;
    if (deleted) {
      this.collectDependents(uid);
      for (const owner of ownerReferencesOf(obj))
        this.finishForeground(owner.uid);
      return;
    }
    const meta = obj.metadata;
    if (!isJsonObject(meta) || !meta.deletionTimestamp) return;
    const finalizers = finalizersOf(obj);
    if (finalizers.includes('orphan')) {
      for (const dependent of this.current(uid)) this.dropOwner(dependent, uid);
      this.removeFinalizer(event.storageKey, event.object, 'orphan');
    }
    if (finalizers.includes('foregroundDeletion')) {
      const remaining = this.current(uid);
      for (const dependent of remaining) this.deleteObject(dependent);
      this.finishForeground(uid);
    }
  }

  private current(
    ownerUid: string,
  ): Array<{ storageKey: string; stored: StoredObject }> {
    const out: Array<{ storageKey: string; stored: StoredObject }> = [];
    for (const ref of this.dependents.get(ownerUid)?.values() ?? []) {
      const stored = this.core.store.table(ref.storageKey).get(ref.key);
      if (
        stored &&
        ownerReferencesOf(stored.object).some(o => o.uid === ownerUid)
      ) {
        out.push({ storageKey: ref.storageKey, stored });
      }
    }
    return out;
  }

  private collectDependents(ownerUid: string): void {
    for (const dependent of this.current(ownerUid)) {
      const others = ownerReferencesOf(dependent.stored.object).filter(
        o => o.uid !== ownerUid && this.uids.has(o.uid),
      );
      if (others.length > 0) this.dropOwner(dependent, ownerUid);
      else this.deleteObject(dependent);
    }
    this.dependents.delete(ownerUid);
  }

  private finishForeground(ownerUid: string): void {
    const ref = this.uids.get(ownerUid);
    if (!ref) return;
    const owner = this.core.store.table(ref.storageKey).get(ref.key);
    if (!owner || !finalizersOf(owner.object).includes('foregroundDeletion'))
      return;
    if (this.current(ownerUid).length === 0) {
      this.removeFinalizer(ref.storageKey, owner, 'foregroundDeletion');
    }
  }

  private typeOf(storageKey: string) {
    return this.core.registry.byStorageKey(storageKey);
  }

  private deleteObject(dependent: {
    storageKey: string;
    stored: StoredObject;
  }): void {
    const type = this.typeOf(dependent.storageKey);
    const meta = dependent.stored.object.metadata;
    if (!type || !isJsonObject(meta) || meta.deletionTimestamp) return;
    this.service.delete(
      type,
      metaString(dependent.stored.object, 'namespace'),
      String(meta.name),
    );
  }

  private dropOwner(
    dependent: { storageKey: string; stored: StoredObject },
    ownerUid: string,
  ): void {
    const type = this.typeOf(dependent.storageKey);
    if (!type) return;
    const obj: KubeObject = dependent.stored.object;
    const refs = (
      isJsonObject(obj.metadata) && Array.isArray(obj.metadata.ownerReferences)
        ? obj.metadata.ownerReferences
        : []
    ).filter(r => !(isJsonObject(r) && r.uid === ownerUid));
    const patch: JsonValue = {
      metadata: { ownerReferences: refs.length > 0 ? refs : null },
    };
    this.service.patch(
      type,
      metaString(obj, 'namespace'),
      String(metaString(obj, 'name')),
      PATCH_TYPES.merge,
      patch,
      'main',
      MANAGER,
    );
  }

  private removeFinalizer(
    storageKey: string,
    stored: StoredObject,
    finalizer: string,
  ): void {
    const type = this.typeOf(storageKey);
    if (!type) return;
    const rest = finalizersOf(stored.object).filter(f => f !== finalizer);
    this.service.patch(
      type,
      metaString(stored.object, 'namespace'),
      String(metaString(stored.object, 'name')),
      PATCH_TYPES.merge,
      { metadata: { finalizers: rest.length > 0 ? rest : null } },
      'main',
      MANAGER,
    );
  }
}
