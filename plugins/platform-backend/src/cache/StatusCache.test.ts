import { mockServices } from '@backstage/backend-test-utils';
import { KindRegistry } from '../kinds/KindRegistry';
import { NamespaceTenants } from '../tenants/NamespaceTenants';
import type { KubeObject, ResourceChange } from './ResourceChange';
import { StatusCache } from './StatusCache';
import { StatusEvaluator } from './StatusEvaluator';

const NOW = Date.parse('2025-06-02T10:00:00Z');

function bucket(
  uid: string,
  opts: {
    ns?: string;
    rv?: string;
    ready?: 'True' | 'False';
    synced?: { status: 'True' | 'False'; reason?: string; since?: string };
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  } = {},
): KubeObject {
  const conditions = [];
  if (opts.ready) {
    conditions.push({
      type: 'Ready',
      status: opts.ready,
      reason: opts.ready === 'True' ? 'Available' : 'Creating',
      lastTransitionTime: '2025-06-02T09:00:00Z',
    });
  }
  if (opts.synced) {
    conditions.push({
      type: 'Synced',
      status: opts.synced.status,
      reason: opts.synced.reason ?? 'ReconcileSuccess',
      message: 'boom',
      lastTransitionTime: opts.synced.since ?? '2025-06-02T09:58:00Z',
    });
  }
  return {
    apiVersion: 'platform.fractal.dev/v1alpha1',
    kind: 'Bucket',
    metadata: {
      name: `b-${uid}`,
      namespace: opts.ns ?? 'tenant-payments',
      uid,
      generation: 1,
      resourceVersion: opts.rv ?? '1',
      creationTimestamp: '2025-06-02T08:00:00Z',
      labels: opts.labels,
      annotations: opts.annotations,
    },
    spec: {
      resourceRef: {
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'XBucket',
        name: `xb-${uid}`,
      },
    },
    status: { conditions },
  };
}

function setup() {
  let now = NOW;
  const kinds = new KindRegistry([
    {
      group: 'platform.fractal.dev',
      version: 'v1alpha1',
      kind: 'Bucket',
      plural: 'buckets',
      scope: 'Namespaced',
    },
  ]);
  const tenants = new NamespaceTenants({
    namespaceLabel: 'fractal.dev/tenant',
    namespacePattern: 'tenant-{{name}}',
  });
  const evaluator = new StatusEvaluator({ now: () => now });
  const cache = new StatusCache({
    kinds,
    tenants,
    evaluator,
    eventLimits: { maxPerObject: 5, maxPerCluster: 100 },
    logger: mockServices.logger.mock(),
    now: () => now,
  });
  const changes: ResourceChange[] = [];
  cache.subscribe('test', c => {
    changes.push(c);
  });
  return {
    cache,
    tenants,
    changes,
    evaluator,
    setNow: (t: number) => (now = t),
  };
}

const K = 'platform.fractal.dev/Bucket';

describe('StatusCache', () => {
  it('applies the status rules and emits changes with previous object and status', async () => {
    const { cache, changes } = setup();
    cache.applyResource('dev', K, {
      type: 'added',
      object: bucket('u1', { ready: 'False' }),
      initial: true,
    });
    cache.applyResource('dev', K, {
      type: 'modified',
      object: bucket('u1', { rv: '2', ready: 'True' }),
      previous: bucket('u1'),
      initial: false,
    });
    cache.applyResource('dev', K, {
      type: 'deleted',
      object: bucket('u1', { rv: '3', ready: 'True' }),
      initial: false,
    });
    await cache.whenIdle();
    expect(
      changes.map(c => [
        c.type,
        c.status.state,
        c.previousStatus?.state,
        c.previous?.metadata.resourceVersion,
        c.tenant,
        c.initial,
        c.kind.kind,
      ]),
    ).toEqual([
      ['added', 'InProgress', undefined, undefined, 'payments', true, 'Bucket'],
      ['modified', 'Ready', 'InProgress', '1', 'payments', false, 'Bucket'],
      ['deleted', 'Ready', 'Ready', '2', 'payments', false, 'Bucket'],
    ]);
    expect(changes[1].observedAt).toEqual(new Date(NOW));
    expect(cache.resource('dev', 'u1')).toBeUndefined();
    expect([...cache.resourcesOfTenant('payments')]).toEqual([]);
  });

  it('takes the tenant from the namespace, never from the object label', () => {
    const { cache, tenants } = setup();
    tenants.set('dev', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shared',
        uid: 'n1',
        labels: { 'fractal.dev/tenant': 'search' },
      },
    });
    cache.applyResource('dev', K, {
      type: 'added',
      object: bucket('u1', {
        ns: 'shared',
        labels: { 'fractal.dev/tenant': 'payments' },
      }),
      initial: true,
    });
    cache.applyResource('dev', K, {
      type: 'added',
      object: bucket('u2', {
        ns: 'default',
        labels: { 'fractal.dev/tenant': 'payments' },
      }),
      initial: true,
    });
    expect(cache.resource('dev', 'u1')?.tenant).toBe('search');
    expect(cache.resource('dev', 'u2')?.tenant).toBeUndefined();
    expect([...cache.resourcesOfTenant('payments')]).toEqual([]);
    expect(
      [...cache.resourcesOfTenant(undefined)].map(e => e.object.metadata.uid),
    ).toEqual(['u2']);
  });

  it('re-tenants a namespace and emits a modified change', async () => {
    const { cache, tenants, changes } = setup();
    cache.applyResource('dev', K, {
      type: 'added',
      object: bucket('u1', { ns: 'apps' }),
      initial: true,
    });
    tenants.set('dev', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'apps',
        uid: 'n',
        labels: { 'fractal.dev/tenant': 'checkout' },
      },
    });
    cache.retenantNamespace('dev', 'apps');
    await cache.whenIdle();
    expect(changes.map(c => [c.type, c.tenant])).toEqual([
      ['added', undefined],
      ['modified', 'checkout'],
    ]);
    expect([...cache.resourcesOfTenant('checkout')]).toHaveLength(1);
    expect(cache.tenants()).toEqual(['checkout']);
  });

  it('turns a persistent ReconcileError into Failed on recheck', async () => {
    const { cache, changes, setNow } = setup();
    cache.applyResource('dev', K, {
      type: 'added',
      object: bucket('u1', {
        ready: 'False',
        synced: {
          status: 'False',
          reason: 'ReconcileError',
          since: '2025-06-02T09:58:00Z',
        },
      }),
      initial: false,
    });
    expect(await cache.recheckStatuses()).toBe(0);
    setNow(NOW + 10 * 60_000);
    expect(await cache.recheckStatuses(1)).toBe(1);
    expect(await cache.recheckStatuses()).toBe(0);
    await cache.whenIdle();
    expect(
      changes.map(c => [c.type, c.status.state, c.previousStatus?.state]),
    ).toEqual([
      ['added', 'InProgress', undefined],
      ['modified', 'Failed', 'InProgress'],
    ]);
  });

  it('indexes components by label and annotation and builds tree lookups', () => {
    const { cache } = setup();
    cache.applyResource('dev', K, {
      type: 'added',
      object: bucket('u1', { labels: { 'fractal.dev/component': 'shop' } }),
      initial: true,
    });
    cache.applyResource('dev', K, {
      type: 'added',
      object: bucket('u2', {
        annotations: { 'fractal.dev/component-ref': 'Component:default/Shop' },
      }),
      initial: true,
    });
    cache.applyResource('prod-eu', K, {
      type: 'added',
      object: bucket('u3', { labels: { 'fractal.dev/component': 'other' } }),
      initial: true,
    });
    expect(
      cache
        .resourcesOfComponent('shop', 'component:default/shop')
        .map(e => e.object.metadata.uid)
        .sort(),
    ).toEqual(['u1', 'u2']);

    cache.applyObject('dev', {
      type: 'added',
      object: {
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'XBucket',
        metadata: { name: 'xb-u1', uid: 'x1' },
      },
      initial: true,
    });
    const lookup = cache.objects('dev')!;
    expect(
      lookup.get({
        apiVersion: 'platform.fractal.dev/v1',
        kind: 'XBucket',
        name: 'xb-u1',
      }),
    ).toMatchObject({ metadata: { uid: 'x1' } });
    expect(
      lookup.get({
        apiVersion: 'platform.fractal.dev/v1alpha1',
        kind: 'Bucket',
        name: 'b-u1',
        namespace: 'tenant-payments',
      }),
    ).toBeDefined();
    expect(cache.counts('dev')).toEqual({
      resources: 2,
      objects: 3,
      events: 0,
    });
  });

  it('removes the resources of a kind that is no longer served', async () => {
    const { cache, changes } = setup();
    cache.applyResource('dev', K, {
      type: 'added',
      object: bucket('u1'),
      initial: true,
    });
    cache.applyResource('prod-eu', K, {
      type: 'added',
      object: bucket('u2'),
      initial: true,
    });
    cache.removeKind('dev', K);
    await cache.whenIdle();
    expect(changes.map(c => `${c.type}:${c.cluster}`)).toEqual([
      'added:dev',
      'added:prod-eu',
      'deleted:dev',
    ]);
    expect([...cache.allResources()].map(e => e.cluster)).toEqual(['prod-eu']);
  });
});
