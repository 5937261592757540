import { clone, deepEqual } from '../util/json';
import {
  finalizersOf,
  KubeObject,
  kubeTime,
  metadataOf,
  metaString,
} from '../util/objects';
import { conflict, statusBody } from '../api/StatusError';
import { StoredObject } from '../store/ResourceTable';
import { ResourceType } from '../store/ResourceType';
import { ClusterCore } from './ClusterCore';
import { resourceName } from './objectChecks';
import { DeleteOptions, DeleteResult } from './writeTypes';

/** Whether deletion must wait: finalizers, or what the type's strategy says. */
export function deletionBlocked(
  core: ClusterCore,
  type: ResourceType,
  obj: KubeObject,
): boolean {
  if (finalizersOf(obj).length > 0) return true;
  return core.strategies.get(type.storageKey)?.deletionBlocked?.(obj) ?? false;
}

/** DELETE of a live object: removes it, or starts its deletion when finalizers remain. */
export function deleteObject(
  core: ClusterCore,
  type: ResourceType,
  live: StoredObject,
  name: string,
  options: DeleteOptions,
): DeleteResult {
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
  const strategy = core.strategies.get(type.storageKey);
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
    const stored = core.store.put(type.storageKey, live.key, obj, live);
    return { kind: 'object', object: stored.object, stored };
  }
  if (deletionBlocked(core, type, obj)) {
    meta.deletionTimestamp = kubeTime(options.now ?? core.now());
    meta.deletionGracePeriodSeconds = 0;
    if (type.hasGeneration) meta.generation = Number(meta.generation ?? 1) + 1;
    strategy?.prepareDeletion?.(obj);
    if (options.dryRun) {
      return { kind: 'object', object: obj };
    }
    const stored = core.store.put(type.storageKey, live.key, obj, live);
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
  const removed = core.store.remove(type.storageKey, live);
  strategy?.afterWrite?.(type, removed, live, true);
  return { kind: 'status', status };
}
