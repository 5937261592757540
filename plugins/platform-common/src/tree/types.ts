import type {
  ComputeResourceStatusOptions,
  KubernetesObjectLike,
} from '../status/types';
import type { ResourceReference } from './resourceRefs';

/**
 * Finds cached objects of one cluster for {@link buildResourceTree}. The
 * backend implements it over its informer cache; {@link indexObjects} builds
 * one over a list of objects.
 * @public
 */
export interface ResourceTreeLookup {
  /** The cluster the objects come from; copied into every node's `ref`. */
  readonly cluster: string;
  /**
   * The cached object with the reference's API group, kind, namespace and
   * name (the version does not matter), or `undefined`.
   */
  get(ref: ResourceReference): KubernetesObjectLike | undefined;
  /** Cached objects whose `metadata.ownerReferences` point at `uid`. */
  ownedBy?(uid: string): Iterable<KubernetesObjectLike>;
}

/** Options of {@link buildResourceTree}. @public */
export interface BuildResourceTreeOptions {
  /** Levels below the root that are expanded. Default 8. */
  maxDepth?: number;
  /** Nodes in the whole tree, root included. Default 500. */
  maxNodes?: number;
  /** Passed to the status rules for every node (time, overrides...). */
  status?: ComputeResourceStatusOptions;
}
