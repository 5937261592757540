import { CustomObjectsApi } from '@kubernetes/client-node';
import { startTestEmulator, TestEmulator } from '../__testUtils__/testEmulator';
import { statusOf } from '../__testUtils__/statusOf';

const G = {
  group: 'platform.fractal.dev',
  version: 'v1alpha1',
  plural: 'caches',
};
const NS = 'tenant-search';

function cache(name: string, labels: Record<string, string>, namespace = NS) {
  return {
    apiVersion: 'platform.fractal.dev/v1alpha1',
    kind: 'Cache',
    metadata: { name, namespace, labels },
    spec: { parameters: {} },
  };
}

describe('lists with @kubernetes/client-node', () => {
  let t: TestEmulator;
  let custom: CustomObjectsApi;

  beforeAll(async () => {
    t = await startTestEmulator({ operator: { enabled: false } });
    custom = t.kubeConfig().makeApiClient(CustomObjectsApi);
    const dev = t.emulator.cluster('dev');
    for (let i = 0; i < 25; i++) {
      dev.create(
        cache(`c-${String(i).padStart(2, '0')}`, {
          tier: i % 3 === 0 ? 'gold' : 'silver',
          idx: String(i),
        }),
      );
    }
    dev.create(cache('other-ns', { tier: 'gold' }, 'tenant-identity'));
    dev.create(cache('unlabelled', {}));
  }, 30_000);
  afterAll(() => t.stop());

  it('lists with the list kind and the cluster resourceVersion', async () => {
    const list: any = await custom.listNamespacedCustomObject({
      ...G,
      namespace: NS,
    });
    expect(list.kind).toBe('CacheList');
    expect(list.apiVersion).toBe('platform.fractal.dev/v1alpha1');
    expect(list.items).toHaveLength(26);
    expect(list.metadata.resourceVersion).toBe(
      t.emulator.cluster('dev').resourceVersion(),
    );
    const all: any = await custom.listClusterCustomObject(G);
    expect(all.items).toHaveLength(27);
  });

  it('pages with limit and continue, in a stable order, with remainingItemCount', async () => {
    const names: string[] = [];
    const remaining: Array<number | undefined> = [];
    let token: string | undefined;
    do {
      const page: any = await custom.listNamespacedCustomObject({
        ...G,
        namespace: NS,
        limit: 10,
        _continue: token,
      });
      names.push(...page.items.map((i: any) => i.metadata.name));
      token = page.metadata.continue || undefined;
      remaining.push(page.metadata.remainingItemCount);
    } while (token);
    expect(remaining).toEqual([16, 6, undefined]);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(26);
  });

  it('keeps later pages consistent with the first page while objects change', async () => {
    const dev = t.emulator.cluster('dev');
    const first: any = await custom.listNamespacedCustomObject({
      ...G,
      namespace: NS,
      limit: 5,
    });
    dev.create(cache('c-99-late', {}));
    dev.delete('platform.fractal.dev/v1alpha1', 'Cache', 'c-20', NS);
    const rest: any = await custom.listNamespacedCustomObject({
      ...G,
      namespace: NS,
      _continue: first.metadata.continue,
    });
    const names = rest.items.map((i: any) => i.metadata.name);
    expect(names).toContain('c-20');
    expect(names).not.toContain('c-99-late');
    expect(rest.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    dev.create(cache('c-20', { tier: 'silver', idx: '20' }));
    dev.delete('platform.fractal.dev/v1alpha1', 'Cache', 'c-99-late', NS);
  });

  it('answers 410 Expired for a continue token older than the history', async () => {
    const first: any = await custom.listNamespacedCustomObject({
      ...G,
      namespace: NS,
      limit: 5,
    });
    t.emulator.cluster('dev').create(cache('after-token', {}));
    t.emulator.cluster('dev').compact();
    const expired = await statusOf(
      custom.listNamespacedCustomObject({
        ...G,
        namespace: NS,
        limit: 5,
        _continue: first.metadata.continue,
      }),
    );
    expect(expired.code).toBe(410);
    expect(expired.body).toMatchObject({
      reason: 'Expired',
      status: 'Failure',
    });
    expect(expired.body.message).toMatch(
      /^The provided continue parameter is too old/,
    );
    const bad = await statusOf(
      custom.listNamespacedCustomObject({
        ...G,
        namespace: NS,
        _continue: 'not-a-token',
      }),
    );
    expect(bad.code).toBe(400);
    t.emulator
      .cluster('dev')
      .delete('platform.fractal.dev/v1alpha1', 'Cache', 'after-token', NS);
  });

  it.each([
    ['tier=gold', 9],
    ['tier==gold', 9],
    ['tier!=gold', 17],
    ['tier in (gold,silver)', 25],
    ['tier notin (gold)', 17],
    ['tier', 25],
    ['!tier', 1],
    ['tier=gold,idx in (0,3,4)', 2],
    ['idx>20', 4],
    ['idx<2', 2],
  ])('filters by label selector %s', async (selector, count) => {
    const list: any = await custom.listNamespacedCustomObject({
      ...G,
      namespace: NS,
      labelSelector: selector,
    });
    expect(list.items).toHaveLength(count);
  });

  it.each([
    ['metadata.name=c-03', 1],
    ['metadata.name!=c-03', 25],
    ['metadata.name==c-03,metadata.namespace=tenant-search', 1],
    ['metadata.namespace=tenant-identity', 0],
  ])('filters by field selector %s', async (selector, count) => {
    const list: any = await custom.listNamespacedCustomObject({
      ...G,
      namespace: NS,
      fieldSelector: selector,
    });
    expect(list.items).toHaveLength(count);
  });

  it('answers 400 for selectors it cannot parse or fields it does not index', async () => {
    const bad = await statusOf(
      custom.listNamespacedCustomObject({
        ...G,
        namespace: NS,
        labelSelector: 'tier in (gold',
      }),
    );
    expect(bad.code).toBe(400);
    const field = await statusOf(
      custom.listNamespacedCustomObject({
        ...G,
        namespace: NS,
        fieldSelector: 'spec.engine=redis',
      }),
    );
    expect(field).toMatchObject({
      code: 400,
      body: {
        reason: 'BadRequest',
        message: 'field label not supported: spec.engine',
      },
    });
  });

  it('renders meta.k8s.io Tables for kubectl', async () => {
    const res = await t.raw({
      path: `/apis/platform.fractal.dev/v1alpha1/namespaces/${NS}/caches?limit=2`,
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    const table = res.json();
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c: any) => c.name)).toEqual([
      'Name',
      'CONNECTION-SECRET',
      'SYNCED',
      'READY',
      'AGE',
    ]);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[0].cells[0]).toBe('c-00');
    expect(table.metadata.continue).toBeDefined();
  });
});
