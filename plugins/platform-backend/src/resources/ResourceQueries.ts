import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  buildResourceTree,
  flattenResourceTree,
  type PlatformResource,
  type ProvisioningAttempt,
  type ResourceDetails,
} from '@fractal/backstage-plugin-platform-common';
import type { TenantScope } from '../auth/TenantScope';
import type { CachedResource, StatusCache } from '../cache/StatusCache';
import type { StatusEvaluator } from '../cache/StatusEvaluator';
import { resourcesForEntity } from './resourcesForEntity';
import { toPlatformResource } from './toPlatformResource';

/** Filters of {@link ResourceQueries.list}. */
export interface ResourceFilter {
  /** The catalog entity, already read with the caller's credentials. */
  entity?: Entity;
  tenant?: string;
  /** `Bucket` or `platform.fractal.dev/Bucket`. */
  kind?: string;
  cluster?: string;
}

/** The provisioning attempts of one resource, from the history store. */
export type AttemptsSource = (
  cluster: string,
  uid: string,
) => Promise<ProvisioningAttempt[]>;

/** Events returned with a resource's details. */
const MAX_DETAIL_EVENTS = 100;

function byRef(a: PlatformResource, b: PlatformResource): number {
  return (
    a.ref.cluster.localeCompare(b.ref.cluster) ||
    (a.ref.namespace ?? '').localeCompare(b.ref.namespace ?? '') ||
    a.ref.kind.localeCompare(b.ref.kind) ||
    a.ref.name.localeCompare(b.ref.name)
  );
}

/**
 * Answers resource reads from the {@link StatusCache}, limited to a
 * {@link TenantScope}. Never calls a cluster.
 */
export class ResourceQueries {
  constructor(
    private readonly options: {
      cache: StatusCache;
      evaluator: StatusEvaluator;
      attempts?: AttemptsSource;
    },
  ) {}

  private candidates(
    scope: TenantScope,
    filter: ResourceFilter,
  ): Iterable<CachedResource> {
    const { cache } = this.options;
    if (filter.entity) return resourcesForEntity(cache, filter.entity);
    if (filter.tenant !== undefined)
      return cache.resourcesOfTenant(filter.tenant);
    if (scope.isAdmin) return cache.allResources();
    const out: CachedResource[] = [];
    for (const tenant of scope.tenants) {
      for (const entry of cache.resourcesOfTenant(tenant)) out.push(entry);
    }
    return out;
  }

  list(scope: TenantScope, filter: ResourceFilter): PlatformResource[] {
    const kind = filter.kind;
    const out: PlatformResource[] = [];
    for (const entry of this.candidates(scope, filter)) {
      if (!scope.canSee(entry.tenant)) continue;
      if (filter.tenant !== undefined && entry.tenant !== filter.tenant)
        continue;
      if (filter.cluster !== undefined && entry.cluster !== filter.cluster)
        continue;
      if (
        kind !== undefined &&
        entry.object.kind !== kind &&
        entry.kindKey !== kind
      ) {
        continue;
      }
      out.push(toPlatformResource(entry));
    }
    return out.sort(byRef);
  }

  /** One resource with its tree, Events and attempts; 404 when absent or not visible. */
  async details(
    scope: TenantScope,
    cluster: string,
    uid: string,
  ): Promise<ResourceDetails> {
    const { cache, evaluator, attempts } = this.options;
    const entry = cache.resource(cluster, uid);
    // Same answer for "absent" and "another tenant's": existence does not leak.
    if (!entry || !scope.canSee(entry.tenant)) {
      throw new NotFoundError(
        `No platform resource ${uid} in cluster ${cluster}`,
      );
    }
    const lookup = cache.objects(cluster);
    const tree = lookup
      ? buildResourceTree(entry.object, lookup, { status: evaluator.options() })
      : buildResourceTree(entry.object, { cluster, get: () => undefined });
    tree.status = entry.status;
    const uids = flattenResourceTree(tree)
      .map(node => node.ref.uid)
      .filter((u): u is string => typeof u === 'string');
    return {
      resource: toPlatformResource(entry),
      tree,
      events: cache.events(cluster, uids, MAX_DETAIL_EVENTS),
      attempts: attempts ? await attempts(cluster, uid) : [],
    };
  }
}
