import type { ObjectRef, ResourceTreeNode } from '../api/types';
import { computeResourceStatus } from '../status/computeResourceStatus';
import { readConditions } from '../status/readObjectFacts';
import type { KubernetesObjectLike } from '../status/types';
import {
  childReferencesOf,
  objectKey,
  referenceOf,
  resourceRefKey,
  type ResourceReference,
} from './resourceRefs';
import type { BuildResourceTreeOptions, ResourceTreeLookup } from './types';

/** Default of {@link BuildResourceTreeOptions.maxDepth}. @public */
export const DEFAULT_TREE_MAX_DEPTH = 8;
/** Default of {@link BuildResourceTreeOptions.maxNodes}. @public */
export const DEFAULT_TREE_MAX_NODES = 500;

interface Pending {
  node: ResourceTreeNode;
  object: KubernetesObjectLike;
  depth: number;
}

function sortKey(object: KubernetesObjectLike): string {
  return objectKey(object) ?? '';
}

function missingNode(
  cluster: string,
  ref: ResourceReference,
): ResourceTreeNode {
  const objectRef: ObjectRef = { cluster, ...ref };
  return {
    ref: objectRef,
    status: {
      state: 'Unknown',
      reason: 'NotFound',
      message: `${ref.kind} ${ref.name} is referenced but not in the cache`,
    },
    conditions: [],
    missing: true,
    children: [],
  };
}

/**
 * Builds the claim -> composite -> composed resources tree below `root` from
 * cached objects. A node's children are, in this order: the objects named by
 * its `spec.resourceRef`, `spec.resourceRefs` and
 * `spec.crossplane.resourceRefs` (see {@link childReferencesOf}), then the
 * cached objects whose `metadata.ownerReferences` point at its uid, sorted by
 * key. Every node carries the status from {@link computeResourceStatus}.
 *
 * - A reference that is not in the cache becomes a `missing: true` node with
 *   state Unknown (reason `NotFound`).
 * - Every object appears once: the tree is built breadth first, so an object
 *   reachable along two paths sits under its shallowest parent, and cycles
 *   (through references or ownerReferences) end at the first repeat.
 * - Nodes `maxDepth` levels below the root, or found after `maxNodes` nodes,
 *   are not expanded; they are marked `truncated: true` when they would have
 *   had children.
 * @public
 */
export function buildResourceTree(
  root: KubernetesObjectLike,
  lookup: ResourceTreeLookup,
  options: BuildResourceTreeOptions = {},
): ResourceTreeNode {
  const maxDepth = options.maxDepth ?? DEFAULT_TREE_MAX_DEPTH;
  const maxNodes = options.maxNodes ?? DEFAULT_TREE_MAX_NODES;
  const seenKeys = new Set<string>();
  const seenUids = new Set<string>();
  let nodes = 0;

  const claim = (object: KubernetesObjectLike, key: string | undefined) => {
    const uid = referenceOf(object)?.uid;
    if ((key && seenKeys.has(key)) || (uid && seenUids.has(uid))) return false;
    if (key) seenKeys.add(key);
    if (uid) seenUids.add(uid);
    return true;
  };

  const toNode = (object: KubernetesObjectLike): ResourceTreeNode => {
    nodes += 1;
    const ref = referenceOf(object);
    return {
      ref: {
        cluster: lookup.cluster,
        apiVersion: ref?.apiVersion ?? '',
        kind: ref?.kind ?? '',
        name: ref?.name ?? '',
        ...(ref?.namespace ? { namespace: ref.namespace } : {}),
        ...(ref?.uid ? { uid: ref.uid } : {}),
      },
      status: computeResourceStatus(object, options.status),
      conditions: readConditions(object),
      children: [],
    };
  };

  const childrenOf = (object: KubernetesObjectLike) => {
    const referenced = childReferencesOf(object).map(ref => ({
      ref,
      object: lookup.get(ref),
    }));
    const uid = referenceOf(object)?.uid;
    const owned =
      uid && lookup.ownedBy
        ? [...lookup.ownedBy(uid)].sort((a, b) =>
            sortKey(a).localeCompare(sortKey(b)),
          )
        : [];
    return { referenced, owned };
  };

  claim(root, objectKey(root));
  const tree = toNode(root);
  const queue: Pending[] = [{ node: tree, object: root, depth: 0 }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { node, object, depth } = next;
    const { referenced, owned } = childrenOf(object);
    if (referenced.length + owned.length === 0) continue;
    if (depth >= maxDepth || nodes >= maxNodes) {
      node.truncated = true;
      continue;
    }
    for (const child of referenced) {
      if (nodes >= maxNodes) {
        node.truncated = true;
        break;
      }
      if (!child.object) {
        const key = resourceRefKey(child.ref);
        if (seenKeys.has(key)) continue;
        seenKeys.add(key);
        nodes += 1;
        node.children.push(missingNode(lookup.cluster, child.ref));
        continue;
      }
      const key = objectKey(child.object) ?? resourceRefKey(child.ref);
      if (!claim(child.object, key)) continue;
      const childNode = toNode(child.object);
      node.children.push(childNode);
      queue.push({ node: childNode, object: child.object, depth: depth + 1 });
    }
    for (const child of owned) {
      if (nodes >= maxNodes) {
        node.truncated = true;
        break;
      }
      if (!claim(child, objectKey(child))) continue;
      const childNode = toNode(child);
      node.children.push(childNode);
      queue.push({ node: childNode, object: child, depth: depth + 1 });
    }
  }
  return tree;
}

/**
 * Every node of a tree, depth first, root first. Handy for indexing a tree's
 * objects or counting states.
 * @public
 */
export function flattenResourceTree(
  tree: ResourceTreeNode,
): ResourceTreeNode[] {
  const out: ResourceTreeNode[] = [];
  const stack = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push(node.children[i]);
    }
  }
  return out;
}
