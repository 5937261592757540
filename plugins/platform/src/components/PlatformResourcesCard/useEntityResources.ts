import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  PlatformResource,
  ProvisioningAttempt,
} from '@fractal/backstage-plugin-platform-common';
import { useRef } from 'react';
import { PlatformApi, platformApiRef } from '../../apis';
import type { ResourceStatusSignal } from '../../hooks/ResourceStatusSignal';
import { LiveQueryState, useLiveQuery } from '../../hooks/useLiveQuery';
import {
  latestAttempts,
  oldestCreation,
  resourceKey,
} from './provisioningTime';

/** The resources of an entity, with the latest provisioning attempt of each. */
export interface EntityResources {
  resources: PlatformResource[];
  attempts: Map<string, ProvisioningAttempt>;
  /** Set when the resources loaded but their history could not be read. */
  historyError?: Error;
}

/** Tenant names an entity is related to: itself (a Group) or its owner. */
export function tenantsOfEntity(entity: Entity): string[] {
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return [entity.metadata.name];
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) {
    return [];
  }
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    return ref.kind === 'group' ? [ref.name] : [];
  } catch {
    // An owner that is not an entity ref cannot name a tenant.
    return [];
  }
}

/**
 * Whether a status signal may change what the card shows: a shown resource
 * changed, or something changed in a tenant the entity is related to (a new
 * resource may belong to it).
 */
export function isRelevantToEntity(
  signal: ResourceStatusSignal,
  entity: Entity,
  resources: PlatformResource[] | undefined,
): boolean {
  if (resources?.some(r => resourceKey(r.ref) === resourceKey(signal))) {
    return true;
  }
  const tenants = new Set([
    ...tenantsOfEntity(entity),
    ...(resources ?? []).map(r => r.tenant).filter(Boolean),
  ]);
  return tenants.size === 0 || tenants.has(signal.tenant);
}

const HISTORY_PAGE = 5000;
const HISTORY_MAX_PAGES = 5;

/**
 * A tenant's attempts since `from`, oldest first, read in pages of the
 * backend's maximum size (at most {@link HISTORY_MAX_PAGES} pages).
 */
async function readHistory(
  api: PlatformApi,
  tenant: string,
  from: string | undefined,
): Promise<ProvisioningAttempt[]> {
  const attempts: ProvisioningAttempt[] = [];
  for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
    const { items } = await api.getHistory({
      tenant,
      from,
      limit: HISTORY_PAGE,
      offset: page * HISTORY_PAGE,
    });
    attempts.push(...items);
    if (items.length < HISTORY_PAGE) {
      break;
    }
  }
  return attempts;
}

/**
 * Loads an entity's platform resources and the latest provisioning attempt of
 * each (one history call per tenant), kept live by signals.
 */
export function useEntityResources(
  entity: Entity,
): LiveQueryState<EntityResources> {
  const api = useApi(platformApiRef);
  const entityRef = stringifyEntityRef(entity);
  const shown = useRef<PlatformResource[]>();
  const state = useLiveQuery<EntityResources>(
    async () => {
      const { items: resources } = await api.listResources({ entityRef });
      const tenants = [
        ...new Set(
          resources.map(r => r.tenant).filter((t): t is string => !!t),
        ),
      ];
      const from = oldestCreation(resources);
      try {
        const histories = await Promise.all(
          tenants.map(tenant => readHistory(api, tenant, from)),
        );
        const uids = new Set(resources.map(r => resourceKey(r.ref)));
        const attempts = histories.flat().filter(a => uids.has(resourceKey(a)));
        return { resources, attempts: latestAttempts(attempts) };
      } catch (error) {
        return {
          resources,
          attempts: new Map(),
          historyError:
            error instanceof Error ? error : new Error(String(error)),
        };
      }
    },
    [api, entityRef],
    {
      isRelevant: signal => isRelevantToEntity(signal, entity, shown.current),
    },
  );
  shown.current = state.value?.resources;
  return state;
}
