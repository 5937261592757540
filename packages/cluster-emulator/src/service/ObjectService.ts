import {
  clone,
  deepEqual,
  isJsonObject,
  JsonObject,
  JsonValue,
} from '../util/json';
import {
  finalizersOf,
  KubeObject,
  kubeTime,
  metadataOf,
  metaString,
  parseApiVersion,
} from '../util/objects';
import {
  alreadyExists,
  badRequest,
  conflict,
  FieldError,
  forbiddenBecause,
  invalid,
  notFound,
  STALE_OBJECT_MESSAGE,
  statusBody,
  StatusBody,
  unsupportedMediaType,
} from '../api/StatusError';
import { applyJsonPatch, applyMergePatch } from '../api/patches';
import {
  applyDefaults,
  pruneUnknownFields,
  validateSchema,
} from '../schema/processSchema';
import {
  decodeManagedFields,
  encodeManagedFields,
  Managers,
  serverSideApply,
  trackUpdate,
  WriteScope,
} from '../fields/managedFields';
import { objectKey, StoredObject } from '../store/ResourceTable';
import { groupVersionOf, ResourceType } from '../store/ResourceType';
import { NAMESPACE_TYPE } from '../store/builtinTypes';
import { ClusterCore } from './ClusterCore';
import { validateObjectMeta } from './validateObjectMeta';

/** How a write is made. */
export interface WriteOptions {
  /** `fieldManager`; defaults to the user agent's product name. */
  fieldManager?: string;
  userAgent?: string;
  /** `dryRun=All`: validate and answer, store nothing. */
  dryRun?: boolean;
  /** `fieldValidation`: what to do with unknown fields (default Warn). */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** `force` for server-side apply. */
  force?: boolean;
  /** The time of the write in ms (seeding writes history with it); defaults to the clock. */
  now?: number;
  /** Receives warnings for the `Warning` response header. */
  warnings?: string[];
}

/** The result of a create, update or patch. */
export interface WriteResult {
  /** The object as stored (or as it would be, for a dry run). */
  object: KubeObject;
  /** The stored entry (absent for dry runs and no-op writes that return the live one). */
  stored?: StoredObject;
  /** Whether the write created the object (201). */
  created: boolean;
}

/** Options of a delete. */
export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  now?: number;
}

/** The result of a delete: the object (deletion pending) or a Status (gone). */
export type DeleteResult =
  | { kind: 'object'; object: KubeObject; stored?: StoredObject }
  | { kind: 'status'; status: StatusBody };

/** Patch content types the API server understands. */
export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

const SYSTEM_METADATA = [
  'uid',
  'creationTimestamp',
  'generation',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
];

function resourceName(type: ResourceType) {
  return { group: type.group, resource: type.plural };
}

function defaultManager(options: WriteOptions): string {
  if (options.fieldManager) return options.fieldManager;
  const agent = options.userAgent?.split('/')[0]?.trim();
  return (agent || 'unknown').slice(0, 128);
}

function withoutKeys(obj: KubeObject, keys: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!keys.includes(k)) out[k] = v;
  }
  return out;
}

/** Managed fields without their timestamps, to recognise no-op writes. */
function comparable(obj: KubeObject): JsonValue {
  const meta = isJsonObject(obj.metadata) ? obj.metadata : {};
  const fields = Array.isArray(meta.managedFields)
    ? meta.managedFields.map(e => (isJsonObject(e) ? { ...e, time: '' } : e))
    : undefined;
  return { ...obj, metadata: { ...meta, managedFields: fields ?? null } };
}

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

  private checkTypeOf(
    type: ResourceType,
    body: JsonValue,
    requireKind: boolean,
  ): KubeObject {
    if (!isJsonObject(body)) {
      throw badRequest(`the body of the request was in an unknown format`);
    }
    const expected = groupVersionOf(type);
    if (body.kind === undefined || body.kind === '') {
      if (requireKind) {
        throw badRequest(
          `Object 'Kind' is missing in '${JSON.stringify(body)}'`,
        );
      }
      body.kind = type.kind;
    }
    if (body.apiVersion === undefined || body.apiVersion === '') {
      if (requireKind) {
        throw badRequest(
          `Object 'apiVersion' is missing in '${JSON.stringify(body)}'`,
        );
      }
      body.apiVersion = expected;
    }
    if (body.apiVersion !== expected) {
      const given = parseApiVersion(String(body.apiVersion));
      if (given.group !== type.group) {
        throw badRequest(
          `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
        );
      }
      body.apiVersion = expected;
    }
    if (body.kind !== type.kind) {
      throw badRequest(
        `the kind in the data (${body.kind}) does not match the expected kind (${type.kind})`,
      );
    }
    if (!isJsonObject(body.metadata)) {
      body.metadata = {};
    }
    return body;
  }

  private checkNamespace(
    type: ResourceType,
    obj: KubeObject,
    namespace: string | undefined,
  ): void {
    const meta = metadataOf(obj);
    if (!type.namespaced) {
      delete meta.namespace;
      return;
    }
    const given = meta.namespace;
    if (given !== undefined && given !== '' && given !== namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta.namespace = namespace ?? '';
  }

  private checkNamespaceWritable(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): void {
    if (!type.namespaced) return;
    const ns = this.core.store
      .table(NAMESPACE_TYPE.storageKey)
      .get(objectKey('', namespace ?? ''));
    if (!ns) {
      throw notFound({ group: '', resource: 'namespaces' }, namespace ?? '');
    }
    if (
      isJsonObject(ns.object.metadata) &&
      ns.object.metadata.deletionTimestamp
    ) {
      throw forbiddenBecause(
        resourceName(type),
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  /**
   * Prunes unknown fields, applies defaults and validates; throws 400/422.
   */
  private admit(
    type: ResourceType,
    obj: KubeObject,
    old: KubeObject | undefined,
    options: WriteOptions,
  ): void {
    const name = metaString(obj, 'name') ?? '';
    if (type.validate) {
      const unknown = pruneUnknownFields(obj, type.schema);
      if (unknown.length > 0) {
        const mode = options.fieldValidation ?? 'Warn';
        if (mode === 'Strict') {
          throw badRequest(
            `${type.kind} in version "${type.version}" cannot be handled as a ${
              type.kind
            }: strict decoding error: ${unknown
              .map(u => `unknown field "${u}"`)
              .join(', ')}`,
          );
        }
        if (mode === 'Warn') {
          options.warnings?.push(...unknown.map(u => `unknown field "${u}"`));
        }
      }
      applyDefaults(obj, type.schema);
    }
    const errors: FieldError[] = validateObjectMeta(
      obj,
      type === NAMESPACE_TYPE,
    );
    if (type.validate) {
      errors.push(
        ...validateSchema(
          withoutKeys(obj, ['metadata', 'apiVersion', 'kind']),
          type.schema,
        ),
      );
    }
    const strategy = this.core.strategies.get(type.storageKey);
    errors.push(...(strategy?.validate?.(obj, old) ?? []));
    if (old) {
      const oldFinalizers = new Set(finalizersOf(old));
      const added = finalizersOf(obj).filter(f => !oldFinalizers.has(f));
      if (
        isJsonObject(old.metadata) &&
        old.metadata.deletionTimestamp &&
        added.length > 0
      ) {
        errors.push({
          reason: 'FieldValueForbidden',
          field: 'metadata.finalizers',
          message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added
            .map(f => JSON.stringify(f))
            .join(', ')}}`,
        });
      }
    }
    if (errors.length > 0) {
      throw invalid(type.kind, type.group, name, errors);
    }
  }

  private finishManagedFields(obj: KubeObject, managers: Managers): void {
    const entries = encodeManagedFields(managers);
    const meta = metadataOf(obj);
    if (entries.length > 0) meta.managedFields = entries;
    else delete meta.managedFields;
  }

  /** Managed fields sent with a write: absent keeps the live ones, `[{}]` clears them. */
  private requestedManagers(
    body: KubeObject,
    live: KubeObject | undefined,
  ): Managers {
    const meta = metadataOf(body);
    const sent = meta.managedFields;
    if (sent === undefined || sent === null) {
      return decodeManagedFields(live);
    }
    if (
      Array.isArray(sent) &&
      sent.length === 1 &&
      isJsonObject(sent[0]) &&
      Object.keys(sent[0]).length === 0
    ) {
      return new Map();
    }
    return decodeManagedFields(body);
  }

  /** POST: creates an object. */
  create(
    type: ResourceType,
    namespace: string | undefined,
    body: JsonValue,
    options: WriteOptions = {},
  ): WriteResult {
    const obj = this.checkTypeOf(type, clone(body), !type.builtin);
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
    this.checkNamespace(type, obj, namespace);
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
      this.checkNamespaceWritable(type, namespace, name);
      if (this.find(type, namespace, name)) {
        throw alreadyExists(resourceName(type), name);
      }
    }
    const managers = applyManagers ?? this.requestedManagers(obj, undefined);
    for (const key of [...SYSTEM_METADATA, 'resourceVersion']) delete meta[key];
    meta.uid = this.core.random.uuid();
    meta.creationTimestamp = kubeTime(now);
    if (type.hasGeneration) meta.generation = 1;
    if (type.statusSubresource && type.validate) delete obj.status;
    this.core.strategies.get(type.storageKey)?.prepareCreate?.(obj, now);
    this.admit(type, obj, undefined, options);
    const finalManagers = applyManagers
      ? managers
      : trackUpdate(
          this.trackedWrite(type, managers, options, 'main', now),
          undefined,
          obj,
        );
    this.finishManagedFields(obj, finalManagers);
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
    const obj = this.checkTypeOf(type, clone(body), !type.builtin);
    const sentName = metaString(obj, 'name');
    if (sentName !== undefined && sentName !== name) {
      throw badRequest(
        `the name of the object (${sentName}) does not match the name on the URL (${name})`,
      );
    }
    metadataOf(obj).name = name;
    this.checkNamespace(type, obj, namespace);
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
    const managers = this.requestedManagers(obj, live.object);
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
    this.admit(type, obj, old, options);
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
    this.finishManagedFields(obj, finalManagers);
    metadataOf(obj).resourceVersion = String(live.rv);
    if (deepEqual(comparable(old), comparable(obj))) {
      return { object: old, created: false };
    }
    const deleting =
      isJsonObject(obj.metadata) && obj.metadata.deletionTimestamp;
    if (deleting && !this.deletionBlocked(type, obj)) {
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

  private deletionBlocked(type: ResourceType, obj: KubeObject): boolean {
    if (finalizersOf(obj).length > 0) return true;
    return (
      this.core.strategies.get(type.storageKey)?.deletionBlocked?.(obj) ?? false
    );
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
    const obj = this.checkTypeOf(type, patched, false);
    if (metaString(obj, 'name') !== name) {
      throw badRequest(
        `the name of the object (${metaString(
          obj,
          'name',
        )}) does not match the name on the URL (${name})`,
      );
    }
    this.checkResourceVersion(type, live, obj);
    const managers = this.requestedManagers(obj, live.object);
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
    const obj = this.checkTypeOf(type, clone(config), true);
    const sentName = metaString(obj, 'name');
    if (sentName !== undefined && sentName !== name) {
      throw badRequest(
        `the name of the object (${sentName}) does not match the name on the URL (${name})`,
      );
    }
    metadataOf(obj).name = name;
    this.checkNamespace(type, obj, namespace);
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
    const live = this.get(type, namespace, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== metaString(live.object, 'uid')) {
      throw conflict(
        resourceName(type),
        name,
        `Precondition failed: UID in precondition: ${
          pre.uid
        }, UID in object meta: ${metaString(live.object, 'uid')}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== String(live.rv)) {
      throw conflict(
        resourceName(type),
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${live.rv}`,
      );
    }
    const strategy = this.core.strategies.get(type.storageKey);
    const obj = clone(live.object);
    const meta = metadataOf(obj);
    if (
      options.propagationPolicy === 'Foreground' ||
      options.propagationPolicy === 'Orphan'
    ) {
      const finalizer =
        options.propagationPolicy === 'Foreground'
          ? 'foregroundDeletion'
          : 'orphan';
      const finalizers = finalizersOf(obj);
      if (!finalizers.includes(finalizer))
        meta.finalizers = [...finalizers, finalizer];
    }
    if (meta.deletionTimestamp) {
      if (deepEqual(obj, live.object) || options.dryRun) {
        return { kind: 'object', object: live.object, stored: live };
      }
      const stored = this.core.store.put(type.storageKey, live.key, obj, live);
      return { kind: 'object', object: stored.object, stored };
    }
    if (this.deletionBlocked(type, obj)) {
      meta.deletionTimestamp = kubeTime(this.nowOf(options));
      meta.deletionGracePeriodSeconds = 0;
      if (type.hasGeneration)
        meta.generation = Number(meta.generation ?? 1) + 1;
      strategy?.prepareDeletion?.(obj);
      if (options.dryRun) {
        return { kind: 'object', object: obj };
      }
      const stored = this.core.store.put(type.storageKey, live.key, obj, live);
      strategy?.afterWrite?.(type, stored, live, false);
      return { kind: 'object', object: stored.object, stored };
    }
    const status = statusBody(200, undefined, undefined, {
      name,
      ...(type.group ? { group: type.group } : {}),
      kind: type.plural,
      uid: metaString(live.object, 'uid'),
    });
    if (options.dryRun) {
      return { kind: 'status', status };
    }
    const removed = this.core.store.remove(type.storageKey, live);
    strategy?.afterWrite?.(type, removed, live, true);
    return { kind: 'status', status };
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
