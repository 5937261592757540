import type { Entity } from '@backstage/catalog-model';

/** Catalog entities of the demo platform, for tests and the dev app. */
export const entities = {
  component: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orders-service', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
  },
  componentWithoutResources: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'billing-ui', namespace: 'default' },
    spec: { type: 'website', lifecycle: 'production', owner: 'analytics' },
  },
  group: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  resource: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'orders-db',
      namespace: 'default',
      annotations: {
        'fractal.dev/platform-resource': 'prod-eu/uid-prod-eu-orders-db',
      },
    },
    spec: { type: 'postgresqlinstance', owner: 'group:default/payments' },
  },
} satisfies Record<string, Entity>;
