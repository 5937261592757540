import { clone, deepEqual, isJsonObject, JsonValue } from '../util/json';
import { KubeObject, kubeTime, metadataOf, metaString } from '../util/objects';
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  STALE_OBJECT_MESSAGE,
  unsupportedMediaType,
} from '../api/StatusError';
import { applyJsonPatch, applyMergePatch } from '../api/patches';
import {
  decodeManagedFields,
  Managers,
  serverSideApply,
  trackUpdate,
  WriteScope,
} from '../fields/managedFields';
import { objectKey, StoredObject } from '../store/ResourceTable';
import { groupVersionOf, ResourceType } from '../store/ResourceType';
import { admitObject, checkNamespaceWritable } from './admitObject';
import { ClusterCore } from './ClusterCore';
import { deleteObject, deletionBlocked } from './deleteObject';
import {
  checkNamespace,
  checkTypeOf,
  comparable,
  defaultManager,
  finishManagedFields,
  requestedManagers,
  resourceName,
  SYSTEM_METADATA,
  withoutKeys,
} from './objectChecks';
import {
  DeleteOptions,
  DeleteResult,
  PATCH_TYPES,
  WriteOptions,
  WriteResult,
} from './writeTypes';

export { PATCH_TYPES } from './writeTypes';
export type {
  DeleteOptions,
  DeleteResult,
  WriteOptions,
  WriteResult,
} from './writeTypes';

/**
 * The write rules of the API server for every resource: create, update,
 * patch (JSON, merge, server-side apply), the status subresource, delete with
 * finalizers, generation, managed fields, validation, defaulting and dry runs.
 */
export class ObjectService {
  constructor(private readonly core: ClusterCore) {}

  private nowOf(options: { now?: number }): number {
    return options.now ?? this.core.now();
  }

  /** The stored object, or 404. */
  get(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): StoredObject {
    const stored = this.core.store
      .table(type.storageKey)
      .get(objectKey(type.namespaced ? namespace : '', name));
    if (!stored) {
      throw notFound(resourceName(type), name);
    }
    return stored;
  }

  /** The stored object, or undefined. */
  find(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): StoredObject | undefined {
    return this.core.store
      .table(type.storageKey)
      .get(objectKey(type.namespaced ? namespace : '', name));
  }

  /** POST: creates an object. */
  create(
    type: ResourceType,
    namespace: string | undefined,
    body: JsonValue,
    options: WriteOptions = {},
  ): WriteResult {
    const obj = checkTypeOf(type, clone(body), !type.builtin);
    return this.createObject(type, namespace, obj, options, undefined);
  }

  private createObject(
    type: ResourceType,
    namespace: string | undefined,
    obj: KubeObject,
    options: WriteOptions,
    applyManagers: Managers | undefined,
  ): WriteResult {
    const now = this.nowOf(options);
    checkNamespace(type, obj, namespace);
    const meta = metadataOf(obj);
    if (
      (meta.name === undefined || meta.name === '') &&
      typeof meta.generateName === 'string' &&
      meta.generateName
    ) {
      meta.name = `${meta.generateName}${this.core.random.suffix()}`;
    }
    const name = typeof meta.name === 'string' ? meta.name : '';
    if (name) {
      checkNamespaceWritable(this.core, type, namespace, name);
      if (this.find(type, namespace, name)) {
        throw alreadyExists(resourceName(type), name);
      }
    }
    const managers = applyManagers ?? requestedManagers(obj, undefined);
    for (const key of [...SYSTEM_METADATA, 'resourceVersion']) delete meta[key];
    meta.uid = this.core.random.uuid();
    meta.creationTimestamp = kubeTime(now);
    if (type.hasGeneration) meta.generation = 1;
    if (type.statusSubresource && type.validate) delete obj.status;
    this.core.strategies.get(type.storageKey)?.prepareCreate?.(obj, now);
    admitObject(this.core, type, obj, undefined, options);
    const finalManagers = applyManagers
      ? managers
      : trackUpdate(
          this.trackedWrite(type, managers, options, 'main', now),
          undefined,
          obj,
        );
    finishManagedFields(obj, finalManagers);
    if (options.dryRun) {
      return { object: obj, created: true };
    }
    const stored = this.core.store.put(
      type.storageKey,
      objectKey(type.namespaced ? namespace : '', name),
      obj,
    );
    this.core.strategies
      .get(type.storageKey)
      ?.afterWrite?.(type, stored, undefined, false);
    return { object: stored.object, stored, created: true };
  }

  private trackedWrite(
    type: ResourceType,
    managers: Managers,
    options: WriteOptions,
    scope: WriteScope,
    now: number,
  ) {
    return {
      managers,
      manager: defaultManager(options),
      apiVersion: groupVersionOf(type),
      scope,
      statusSubresource: type.statusSubresource,
      schema: type.schema,
      now: kubeTime(now),
    };
  }

  /** PUT: replaces an object (or its status). */
  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: JsonValue,
    scope: WriteScope,
    options: WriteOptions = {},
  ): WriteResult {
    const live = this.get(type, namespace, name);
    const obj = checkTypeOf(type, clone(body), !type.builtin);
    const sentName = metaString(obj, 'name');
    if (sentName !== undefined && sentName !== name) {
      throw badRequest(
        `the name of the object (${sentName}) does not match the name on the URL (${name})`,
      );
    }
    metadataOf(obj).name = name;
    checkNamespace(type, obj, namespace);
    if (!type.builtin && !metaString(obj, 'resourceVersion')) {
      // Custom resources do not allow unconditional updates.
      throw invalid(type.kind, type.group, name, [
        {
          reason: 'FieldValueInvalid',
          field: 'metadata.resourceVersion',
          message: 'Invalid value: 0x0: must be specified for an update',
        },
      ]);
    }
    this.checkResourceVersion(type, live, obj);
    const managers = requestedManagers(obj, live.object);
    return this.finishUpdate(
      type,
      live,
      obj,
      scope,
      options,
      managers,
      undefined,
    );
  }

  private checkResourceVersion(
    type: ResourceType,
    live: StoredObject,
    obj: KubeObject,
  ): void {
    const sent = metaString(obj, 'resourceVersion');
    if (sent !== undefined && sent !== '' && sent !== String(live.rv)) {
      throw conflict(
        resourceName(type),
        metaString(live.object, 'name') ?? '',
        STALE_OBJECT_MESSAGE,
      );
    }
  }

  /**
   * Applies the write rules shared by update and patch to a candidate object.
   * `applied` holds managers already computed by server-side apply.
   */
  private finishUpdate(
    type: ResourceType,
    live: StoredObject,
    candidate: KubeObject,
    scope: WriteScope,
    options: WriteOptions,
    managers: Managers,
    applied: Managers | undefined,
  ): WriteResult {
    const now = this.nowOf(options);
    const old = live.object;
    let obj: KubeObject;
    if (scope === 'status') {
      obj = clone(old);
      if (candidate.status !== undefined) obj.status = clone(candidate.status);
      else delete obj.status;
    } else {
      obj = candidate;
      const meta = metadataOf(obj);
      const oldMeta = metadataOf(old);
      for (const key of SYSTEM_METADATA) {
        if (oldMeta[key] !== undefined) meta[key] = oldMeta[key];
        else delete meta[key];
      }
      meta.name = oldMeta.name;
      if (type.namespaced) meta.namespace = oldMeta.namespace;
      if (type.statusSubresource) {
        if (old.status !== undefined) obj.status = clone(old.status);
        else delete obj.status;
      }
    }
    this.core.strategies.get(type.storageKey)?.prepareUpdate?.(obj, old, now);
    admitObject(this.core, type, obj, old, options);
    if (type.hasGeneration) {
      const ignored = type.statusSubresource
        ? ['metadata', 'status']
        : ['metadata'];
      const changed = !deepEqual(
        withoutKeys(old, ignored),
        withoutKeys(obj, ignored),
      );
      const generation = Number(metadataOf(old).generation ?? 1);
      metadataOf(obj).generation = changed ? generation + 1 : generation;
    }
    const finalManagers =
      applied ??
      trackUpdate(
        this.trackedWrite(type, managers, options, scope, now),
        old,
        obj,
      );
    finishManagedFields(obj, finalManagers);
    metadataOf(obj).resourceVersion = String(live.rv);
    if (deepEqual(comparable(old), comparable(obj))) {
      return { object: old, created: false };
    }
    const deleting =
      isJsonObject(obj.metadata) && obj.metadata.deletionTimestamp;
    if (deleting && !deletionBlocked(this.core, type, obj)) {
      if (options.dryRun) return { object: obj, created: false };
      const stored = this.core.store.put(type.storageKey, live.key, obj, live);
      const removed = this.core.store.remove(type.storageKey, stored);
      this.core.strategies
        .get(type.storageKey)
        ?.afterWrite?.(type, removed, stored, true);
      return { object: removed.object, stored: removed, created: false };
    }
    if (options.dryRun) {
      return { object: obj, created: false };
    }
    const stored = this.core.store.put(type.storageKey, live.key, obj, live);
    this.core.strategies
      .get(type.storageKey)
      ?.afterWrite?.(type, stored, live, false);
    return { object: stored.object, stored, created: false };
  }

  /** PATCH with any supported content type. */
  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    contentType: string,
    patch: JsonValue,
    scope: WriteScope,
    options: WriteOptions = {},
  ): WriteResult {
    if (contentType === PATCH_TYPES.apply) {
      return this.apply(type, namespace, name, patch, scope, options);
    }
    if (options.force !== undefined) {
      throw invalid('PatchOptions', 'meta.k8s.io', '', [
        {
          reason: 'FieldValueForbidden',
          field: 'force',
          message: 'Forbidden: may not be specified for non-apply patch',
        },
      ]);
    }
    let patched: JsonValue;
    const live = this.get(type, namespace, name);
    switch (contentType) {
      case PATCH_TYPES.json:
        patched = applyJsonPatch(live.object, patch);
        break;
      case PATCH_TYPES.merge:
        // A merge patch shares untouched parts with the stored object, which must never change: copy.
        patched = clone(applyMergePatch(live.object, patch));
        break;
      case PATCH_TYPES.strategic:
        if (!type.builtin) {
          throw unsupportedMediaType([
            PATCH_TYPES.json,
            PATCH_TYPES.merge,
            PATCH_TYPES.apply,
          ]);
        }
        // A merge patch shares untouched parts with the stored object, which must never change: copy.
        patched = clone(applyMergePatch(live.object, patch));
        break;
      default:
        throw unsupportedMediaType([
          PATCH_TYPES.json,
          PATCH_TYPES.merge,
          PATCH_TYPES.strategic,
          PATCH_TYPES.apply,
        ]);
    }
    const obj = checkTypeOf(type, patched, false);
    if (metaString(obj, 'name') !== name) {
      throw badRequest(
        `the name of the object (${metaString(
          obj,
          'name',
        )}) does not match the name on the URL (${name})`,
      );
    }
    this.checkResourceVersion(type, live, obj);
    const managers = requestedManagers(obj, live.object);
    return this.finishUpdate(
      type,
      live,
      obj,
      scope,
      options,
      managers,
      undefined,
    );
  }

  /** Server-side apply (`application/apply-patch+yaml`). */
  apply(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    config: JsonValue,
    scope: WriteScope,
    options: WriteOptions = {},
  ): WriteResult {
    if (!options.fieldManager) {
      throw invalid('PatchOptions', 'meta.k8s.io', '', [
        {
          reason: 'FieldValueRequired',
          field: 'fieldManager',
          message: 'Required value: is required for apply patch',
        },
      ]);
    }
    const obj = checkTypeOf(type, clone(config), true);
    const sentName = metaString(obj, 'name');
    if (sentName !== undefined && sentName !== name) {
      throw badRequest(
        `the name of the object (${sentName}) does not match the name on the URL (${name})`,
      );
    }
    metadataOf(obj).name = name;
    checkNamespace(type, obj, namespace);
    delete metadataOf(obj).managedFields;
    const live = this.find(type, namespace, name);
    const now = this.nowOf(options);
    if (live) {
      this.checkResourceVersion(type, live, obj);
    }
    const write = {
      ...this.trackedWrite(
        type,
        decodeManagedFields(live?.object),
        options,
        scope,
        now,
      ),
      force: options.force === true,
    };
    if (!live) {
      if (scope === 'status') {
        throw notFound(resourceName(type), name);
      }
      const result = serverSideApply(write, undefined, obj);
      const created = result.object;
      created.apiVersion = groupVersionOf(type);
      created.kind = type.kind;
      return this.createObject(
        type,
        namespace,
        created,
        options,
        result.managers,
      );
    }
    const result = serverSideApply(write, live.object, obj);
    // The merge shares untouched parts with the stored object, which must never change: copy.
    const merged = clone(result.object);
    metadataOf(merged).resourceVersion = String(live.rv);
    return this.finishUpdate(
      type,
      live,
      merged,
      scope,
      options,
      result.managers,
      result.managers,
    );
  }

  /** DELETE: removes an object, or starts its deletion when finalizers remain. */
  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): DeleteResult {
    return deleteObject(
      this.core,
      type,
      this.get(type, namespace, name),
      name,
      options,
    );
  }

  /** Removes an object at once, whatever its finalizers (controllers finishing a deletion). */
  removeNow(type: ResourceType, stored: StoredObject): void {
    const current = this.core.store.table(type.storageKey).get(stored.key);
    if (!current) return;
    const removed = this.core.store.remove(type.storageKey, current);
    this.core.strategies
      .get(type.storageKey)
      ?.afterWrite?.(type, removed, current, true);
  }
}
