/** A small demo platform for plugin tests: two tenants, an untenanted namespace, one kind. */
export const BUCKETS = '/apis/platform.fractal.dev/v1alpha1/buckets';
export const XBUCKETS = '/apis/platform.fractal.dev/v1alpha1/xbuckets';

export const bucketCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: 'buckets.platform.fractal.dev',
    uid: 'crd-bucket',
    resourceVersion: '1',
    labels: { 'fractal.dev/self-service': 'true' },
    annotations: { 'fractal.dev/title': 'Object bucket' },
  },
  spec: {
    group: 'platform.fractal.dev',
    names: { kind: 'Bucket', plural: 'buckets' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object' } },
          },
        },
      },
    ],
  },
};

export function namespace(name: string, tenant?: string) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: `ns-${name}`,
      resourceVersion: '2',
      ...(tenant ? { labels: { 'fractal.dev/tenant': tenant } } : {}),
    },
  };
}

export function bucket(
  uid: string,
  ns: string,
  ready: boolean,
  extra: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    rv?: string;
  } = {},
) {
  return {
    apiVersion: 'platform.fractal.dev/v1alpha1',
    kind: 'Bucket',
    metadata: {
      name: `bucket-${uid}`,
      namespace: ns,
      uid,
      generation: 1,
      resourceVersion: extra.rv ?? '10',
      creationTimestamp: '2025-06-01T10:00:00Z',
      labels: extra.labels,
      annotations: extra.annotations,
      managedFields: [{ manager: 'fractal' }],
    },
    spec: {
      resourceRef: {
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'XBucket',
        name: `xbucket-${uid}`,
      },
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          reason: ready ? 'Available' : 'Creating',
          lastTransitionTime: '2025-06-01T10:01:00Z',
        },
        {
          type: 'Synced',
          status: 'True',
          reason: 'ReconcileSuccess',
          lastTransitionTime: '2025-06-01T10:00:01Z',
        },
      ],
    },
  };
}

export function xbucket(uid: string) {
  return {
    apiVersion: 'platform.fractal.dev/v1alpha1',
    kind: 'XBucket',
    metadata: {
      name: `xbucket-${uid}`,
      uid: `x-${uid}`,
      resourceVersion: '11',
    },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }],
    },
  };
}

export function event(uid: string, involvedUid: string, reason: string) {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: uid,
      namespace: 'tenant-payments',
      uid,
      resourceVersion: '12',
    },
    involvedObject: {
      apiVersion: 'platform.fractal.dev/v1alpha1',
      kind: 'Bucket',
      name: 'n',
      uid: involvedUid,
    },
    reason,
    message: `${reason} happened`,
    type: 'Normal',
    count: 1,
    lastTimestamp: '2025-06-01T10:01:00Z',
  };
}

/** The cluster's collections: payments owns p1 (component shop) and p2, checkout owns c1, default has d1. */
export function demoCollections() {
  return {
    '/api/v1/namespaces': [
      namespace('tenant-payments', 'payments'),
      namespace('shop-checkout', 'checkout'),
      namespace('default'),
    ],
    '/apis/apiextensions.k8s.io/v1/customresourcedefinitions': [bucketCrd],
    [BUCKETS]: [
      bucket('p1', 'tenant-payments', true, {
        labels: { 'fractal.dev/component': 'shop' },
      }),
      bucket('p2', 'tenant-payments', false),
      // claims to be payments' by label, but its namespace belongs to checkout
      bucket('c1', 'shop-checkout', true, {
        labels: {
          'fractal.dev/tenant': 'payments',
          'fractal.dev/component': 'shop',
        },
      }),
      bucket('d1', 'default', true),
    ],
    [XBUCKETS]: [xbucket('p1'), xbucket('c1')],
    '/api/v1/events': [
      event('e1', 'p1', 'Created'),
      event('e2', 'c1', 'Created'),
    ],
  };
}

export const demoDiscovery = {
  '/apis/platform.fractal.dev/v1alpha1': {
    resources: [
      { name: 'buckets', kind: 'Bucket', namespaced: true },
      { name: 'xbuckets', kind: 'XBucket', namespaced: false },
    ],
  },
};

/** Catalog entities of the demo. */
export const demoEntities = [
  ...['payments', 'checkout', 'platform-team'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'shop', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/payments',
      lifecycle: 'production',
    },
  },
];
