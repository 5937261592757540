import type { KubernetesObjectLike } from '../status/types';
import { objectKey, ownerUidsOf, resourceRefKey } from './resourceRefs';
import type { ResourceTreeLookup } from './types';

/**
 * An in-memory {@link ResourceTreeLookup} over a list of objects of one
 * cluster: indexed by {@link resourceRefKey} and by owner uid. Objects
 * without an apiVersion, kind or name are left out; when two objects share a
 * key, the last one wins.
 * @public
 */
export function indexObjects(
  cluster: string,
  objects: Iterable<KubernetesObjectLike>,
): ResourceTreeLookup {
  const byKey = new Map<string, KubernetesObjectLike>();
  const byOwner = new Map<string, KubernetesObjectLike[]>();
  for (const object of objects) {
    const key = objectKey(object);
    if (key === undefined) continue;
    byKey.set(key, object);
    for (const uid of ownerUidsOf(object)) {
      const owned = byOwner.get(uid);
      if (owned) owned.push(object);
      else byOwner.set(uid, [object]);
    }
  }
  return {
    cluster,
    get: ref => byKey.get(resourceRefKey(ref)),
    ownedBy: uid => byOwner.get(uid) ?? [],
  };
}
