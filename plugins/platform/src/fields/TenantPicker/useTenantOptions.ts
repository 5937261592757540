import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** One tenant the user may choose. */
export interface TenantOption {
  /** The Group's name, e.g. `payments`. */
  name: string;
  /** The Group's entity ref, e.g. `group:default/payments`. */
  entityRef: string;
  /** Display name (profile display name or title), falling back to the name. */
  title: string;
}

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.profile.displayName',
];

function toOption(entity: Entity): TenantOption {
  const profile = entity.spec?.profile as { displayName?: string } | undefined;
  return {
    name: entity.metadata.name,
    entityRef: stringifyEntityRef(entity),
    title:
      profile?.displayName ?? entity.metadata.title ?? entity.metadata.name,
  };
}

/**
 * The Groups the signed-in user belongs to: direct memberships from the
 * catalog plus the Groups among the identity's ownership refs, limited to
 * `groupType` (unless `*`), sorted by title.
 */
export function useTenantOptions(groupType: string) {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<TenantOption[]> => {
    const identity = await identityApi.getBackstageIdentity();
    const ownedGroupRefs = identity.ownershipEntityRefs.filter(
      ref => parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group',
    );
    const [members, owned] = await Promise.all([
      catalogApi.getEntities({
        filter: {
          kind: 'Group',
          'relations.hasMember': identity.userEntityRef,
        },
        fields: FIELDS,
      }),
      ownedGroupRefs.length
        ? catalogApi.getEntitiesByRefs({
            entityRefs: ownedGroupRefs,
            fields: FIELDS,
          })
        : Promise.resolve({ items: [] }),
    ]);
    const byRef = new Map<string, TenantOption>();
    for (const entity of [...members.items, ...owned.items]) {
      if (!entity) {
        continue;
      }
      const type = entity.spec?.type;
      if (groupType !== '*' && type !== groupType) {
        continue;
      }
      const option = toOption(entity);
      byRef.set(option.entityRef, option);
    }
    return [...byRef.values()].sort((a, b) => a.title.localeCompare(b.title));
  }, [identityApi, catalogApi, groupType]);
}
