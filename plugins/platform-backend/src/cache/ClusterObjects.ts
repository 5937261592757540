import {
  resourceRefKey,
  type KubernetesObjectLike,
  type ResourceReference,
  type ResourceTreeLookup,
} from '@fractal/backstage-plugin-platform-common';
import type { KubeObject } from './ResourceChange';

function keyOf(object: KubeObject): string {
  return resourceRefKey({
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    namespace: object.metadata.namespace,
  });
}

/**
 * Every cached object of one cluster that can sit in a resource tree (claims,
 * composites, managed resources), indexed by `group/kind/namespace/name` and
 * by owner uid: the {@link ResourceTreeLookup} trees are built from.
 */
export class ClusterObjects implements ResourceTreeLookup {
  private readonly byKey = new Map<string, KubeObject>();
  private readonly byOwner = new Map<string, Map<string, KubeObject>>();

  constructor(readonly cluster: string) {}

  get size(): number {
    return this.byKey.size;
  }

  upsert(object: KubeObject, previous?: KubeObject): void {
    if (previous) this.remove(previous);
    this.byKey.set(keyOf(object), object);
    for (const owner of object.metadata.ownerReferences ?? []) {
      let owned = this.byOwner.get(owner.uid);
      if (!owned) {
        owned = new Map();
        this.byOwner.set(owner.uid, owned);
      }
      owned.set(object.metadata.uid, object);
    }
  }

  remove(object: KubeObject): void {
    const key = keyOf(object);
    if (this.byKey.get(key)?.metadata.uid === object.metadata.uid) {
      this.byKey.delete(key);
    }
    for (const owner of object.metadata.ownerReferences ?? []) {
      const owned = this.byOwner.get(owner.uid);
      owned?.delete(object.metadata.uid);
      if (owned && owned.size === 0) this.byOwner.delete(owner.uid);
    }
  }

  get(ref: ResourceReference): KubernetesObjectLike | undefined {
    return this.byKey.get(resourceRefKey(ref));
  }

  ownedBy(uid: string): Iterable<KubernetesObjectLike> {
    return this.byOwner.get(uid)?.values() ?? [];
  }
}
