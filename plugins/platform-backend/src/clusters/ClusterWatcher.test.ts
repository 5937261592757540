import { mockServices } from '@backstage/backend-test-utils';
import type { ResourceChange } from '../cache/ResourceChange';
import { StatusCache } from '../cache/StatusCache';
import { StatusEvaluator } from '../cache/StatusEvaluator';
import { FakeClock } from '../informers/__testUtils__/FakeClock';
import { FakeTransport } from '../informers/__testUtils__/FakeTransport';
import { KindRegistry } from '../kinds/KindRegistry';
import { NamespaceTenants } from '../tenants/NamespaceTenants';
import { ClusterWatcher } from './ClusterWatcher';
import { DEFAULT_INFORMER_SETTINGS } from './InformerSettings';

const bucketCrd = {
  metadata: {
    name: 'buckets.platform.fractal.dev',
    uid: 'crd1',
    resourceVersion: '1',
    labels: { 'fractal.dev/self-service': 'true' },
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
          openAPIV3Schema: { type: 'object', description: 'An object bucket' },
        },
      },
    ],
  },
};

const claim = {
  apiVersion: 'platform.fractal.dev/v1alpha1',
  kind: 'Bucket',
  metadata: {
    name: 'assets',
    namespace: 'apps',
    uid: 'c1',
    resourceVersion: '5',
    generation: 1,
    managedFields: [{}],
  },
  spec: {
    resourceRef: {
      apiVersion: 'platform.fractal.dev/v1alpha1',
      kind: 'XBucket',
      name: 'assets-x',
    },
  },
  status: {
    conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }],
  },
};

const composite = {
  apiVersion: 'platform.fractal.dev/v1alpha1',
  kind: 'XBucket',
  metadata: { name: 'assets-x', uid: 'x1', resourceVersion: '6' },
  spec: {
    resourceRefs: [
      {
        apiVersion: 'demo.fractal.dev/v1',
        kind: 'ObjectStore',
        name: 'assets-os',
      },
    ],
  },
};

function event(uid: string, apiVersion: string, involvedUid: string) {
  return {
    metadata: { uid, name: uid, resourceVersion: '9' },
    involvedObject: { apiVersion, kind: 'K', name: 'n', uid: involvedUid },
    reason: 'Created',
    message: 'm',
    type: 'Normal',
    lastTimestamp: '2025-06-01T00:00:00Z',
  };
}

const collections: Record<string, unknown[]> = {
  '/api/v1/namespaces': [
    {
      metadata: {
        name: 'apps',
        uid: 'n1',
        resourceVersion: '2',
        labels: { 'fractal.dev/tenant': 'payments' },
      },
    },
  ],
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions': [bucketCrd],
  '/apis/platform.fractal.dev/v1alpha1/buckets': [claim],
  '/apis/platform.fractal.dev/v1alpha1/xbuckets': [composite],
  '/apis/demo.fractal.dev/v1/objectstores': [],
  '/api/v1/events': [
    event('e1', 'platform.fractal.dev/v1alpha1', 'c1'),
    event('e2', 'apps/v1', 'd1'),
  ],
};

const discovery: Record<string, unknown> = {
  '/apis/platform.fractal.dev/v1alpha1': {
    resources: [
      { name: 'xbuckets', kind: 'XBucket', namespaced: false },
      { name: 'xbuckets/status', kind: 'XBucket', namespaced: false },
    ],
  },
  '/apis/demo.fractal.dev/v1': {
    resources: [
      { name: 'objectstores', kind: 'ObjectStore', namespaced: false },
    ],
  },
};

function setup() {
  const clock = new FakeClock();
  const transport = new FakeTransport();
  transport.listImpl = async (_query, path) => ({
    metadata: { resourceVersion: '10' },
    items: collections[path] ?? [],
  });
  transport.getImpl = async path => {
    if (!discovery[path]) throw new Error(`404 ${path}`);
    return discovery[path];
  };
  const kinds = new KindRegistry();
  const tenants = new NamespaceTenants({
    namespaceLabel: 'fractal.dev/tenant',
    namespacePattern: 'tenant-{{name}}',
  });
  const cache = new StatusCache({
    kinds,
    tenants,
    evaluator: new StatusEvaluator({ now: () => clock.now() }),
    eventLimits: { maxPerObject: 5, maxPerCluster: 50 },
    logger: mockServices.logger.mock(),
  });
  const changes: ResourceChange[] = [];
  cache.subscribe('test', c => {
    changes.push(c);
  });
  const watcher = new ClusterWatcher({
    cluster: { name: 'dev', environment: 'development' },
    transport,
    cache,
    kinds,
    tenants,
    crdSelector: 'fractal.dev/self-service=true',
    settings: { ...DEFAULT_INFORMER_SETTINGS, clock },
    logger: mockServices.logger.mock(),
  });
  return { clock, transport, kinds, cache, changes, watcher };
}

describe('ClusterWatcher', () => {
  it('discovers kinds, watches resources with their tenant, their trees and their Events', async () => {
    const { clock, transport, kinds, cache, changes, watcher } = setup();
    watcher.start();
    await clock.advance(2000);

    expect(kinds.list()).toEqual([
      expect.objectContaining({
        kind: 'Bucket',
        version: 'v1alpha1',
        plural: 'buckets',
        clusters: ['dev'],
        description: 'An object bucket',
        source: 'crd-selector',
      }),
    ]);
    expect(
      changes.map(c => [
        c.type,
        c.object.metadata.uid,
        c.tenant,
        c.status.state,
        c.initial,
      ]),
    ).toEqual([['added', 'c1', 'payments', 'Ready', true]]);
    expect(changes[0].object.metadata).not.toHaveProperty('managedFields');
    expect(
      transport.lists.find(l => l.path.endsWith('customresourcedefinitions'))
        ?.query.labelSelector,
    ).toBe('fractal.dev/self-service=true');
    expect(transport.gets.sort()).toEqual([
      '/apis/demo.fractal.dev/v1',
      '/apis/platform.fractal.dev/v1alpha1',
    ]);
    const lookup = cache.objects('dev')!;
    expect(
      lookup.get({
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'XBucket',
        name: 'assets-x',
      }),
    ).toBeDefined();
    expect(
      cache.events('dev', ['c1', 'd1'], 10).map(e => e.involvedObject.uid),
    ).toEqual(['c1']);
    expect(watcher.health()).toMatchObject({
      name: 'dev',
      environment: 'development',
      connected: true,
      synced: true,
      kinds: 1,
    });

    // a watch event: the claim is being deleted
    const claims = transport.watches.find(w => w.path.endsWith('/buckets'))!;
    claims.send('MODIFIED', {
      ...claim,
      metadata: {
        ...claim.metadata,
        resourceVersion: '11',
        deletionTimestamp: '2025-06-01T00:00:00Z',
      },
    });
    await cache.whenIdle();
    expect(changes[1]).toMatchObject({
      type: 'modified',
      status: { state: 'Terminating' },
      previousStatus: { state: 'Ready' },
      initial: false,
    });

    // the CRD goes away: its resources go too
    transport.watches
      .find(w => w.path.endsWith('customresourcedefinitions'))!
      .send('DELETED', {
        ...bucketCrd,
        metadata: { ...bucketCrd.metadata, resourceVersion: '12' },
      });
    await clock.advance(10);
    await cache.whenIdle();
    expect(kinds.list()).toEqual([]);
    expect(changes[2]).toMatchObject({
      type: 'deleted',
      object: { metadata: { uid: 'c1' } },
    });
    expect(watcher.health().kinds).toBe(0);
    await watcher.stop();
  });

  it('starts resource informers only after the namespaces are listed', async () => {
    const { clock, transport, watcher } = setup();
    let releaseNamespaces: () => void = () => {};
    const namespacesListed = new Promise<void>(resolve => {
      releaseNamespaces = resolve;
    });
    const list = transport.listImpl;
    transport.listImpl = async (query, path) => {
      if (path === '/api/v1/namespaces') await namespacesListed;
      return list(query, path);
    };
    watcher.start();
    await clock.advance(1000);
    expect(transport.lists.some(l => l.path.endsWith('/buckets'))).toBe(false);
    releaseNamespaces();
    await clock.advance(10);
    expect(transport.lists.some(l => l.path.endsWith('/buckets'))).toBe(true);
    await watcher.stop();
  });

  it('reports a cluster that refuses connections', async () => {
    const { clock, transport, watcher } = setup();
    transport.listImpl = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {
        statusCode: undefined,
      });
    };
    watcher.start();
    await clock.advance(5000);
    expect(watcher.health()).toMatchObject({
      connected: false,
      synced: false,
      lastError: { message: expect.stringContaining('ECONNREFUSED') },
    });
    await watcher.stop();
  });
});
