import type { Entity } from '@backstage/catalog-model';

function group(name: string, type: string, members: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type, children: [] },
    relations: members.map(member => ({
      type: 'hasMember',
      targetRef: `user:default/${member}`,
    })),
  };
}

/** The demo organisation as catalog entities (with their relations). */
export const demoCatalogEntities: Entity[] = [
  group('payments', 'team', ['ada']),
  group('checkout', 'team', ['grace']),
  group('search', 'team', ['linus']),
  group('platform-team', 'platform', ['alan']),
];

/** Users whose `platform.admin` requests are allowed. */
export const demoAdmins = new Set(['user:default/alan']);
