import { request } from 'node:https';
import {
  CustomObjectsApi,
  KubernetesObject,
  makeInformer,
  Watch,
} from '@kubernetes/client-node';
import {
  postgresClaim,
  startTestEmulator,
  TestEmulator,
  waitFor,
} from '../__testUtils__/testEmulator';

const G = {
  group: 'platform.fractal.dev',
  version: 'v1alpha1',
  plural: 'postgresqlinstances',
};
const NS = 'tenant-checkout';
const PATH = `/apis/platform.fractal.dev/v1alpha1/namespaces/${NS}/postgresqlinstances`;
const API_VERSION = 'platform.fractal.dev/v1alpha1';

interface Received {
  type: string;
  object: any;
}

describe('watches and informers with @kubernetes/client-node', () => {
  let t: TestEmulator;
  let custom: CustomObjectsApi;

  beforeAll(async () => {
    t = await startTestEmulator({
      operator: { enabled: false },
      watch: { bookmarkIntervalMs: 150 },
    });
    custom = t.kubeConfig().makeApiClient(CustomObjectsApi);
  }, 30_000);
  afterAll(() => t.stop());

  async function watch(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
  ): Promise<{
    events: Received[];
    done: Promise<unknown>;
    abort: () => void;
  }> {
    const events: Received[] = [];
    let resolveDone: (err: unknown) => void = () => {};
    const done = new Promise(resolve => {
      resolveDone = resolve;
    });
    const controller = await new Watch(t.kubeConfig()).watch(
      path,
      params,
      (type, object) => events.push({ type, object }),
      err => resolveDone(err ?? 'closed'),
    );
    return { events, done, abort: () => controller.abort() };
  }

  it('runs an informer: initial list, then ADDED, MODIFIED and DELETED from the watch', async () => {
    t.emulator.cluster('dev').create(postgresClaim('inf-0', NS));
    const kc = t.kubeConfig('fractal-reader');
    const reader = kc.makeApiClient(CustomObjectsApi);
    const informer = makeInformer<KubernetesObject>(
      kc,
      PATH,
      () =>
        reader.listNamespacedCustomObject({
          ...G,
          namespace: NS,
        }) as Promise<any>,
    );
    const seen: string[] = [];
    informer.on('add', o => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', o => seen.push(`update ${o.metadata?.name}`));
    informer.on('delete', o => seen.push(`delete ${o.metadata?.name}`));
    await informer.start();
    try {
      await waitFor(
        () => (seen.includes('add inf-0') ? true : undefined),
        3000,
        'initial list',
      );
      await custom.createNamespacedCustomObject({
        ...G,
        namespace: NS,
        body: postgresClaim('inf-1', NS),
      });
      await waitFor(
        () => (seen.includes('add inf-1') ? true : undefined),
        3000,
        'ADDED',
      );
      await custom.patchNamespacedCustomObject({
        ...G,
        namespace: NS,
        name: 'inf-1',
        body: [{ op: 'add', path: '/metadata/labels/x', value: 'y' }],
      });
      await waitFor(
        () => (seen.includes('update inf-1') ? true : undefined),
        3000,
        'MODIFIED',
      );
      await custom.deleteNamespacedCustomObject({
        ...G,
        namespace: NS,
        name: 'inf-1',
      });
      await waitFor(
        () => (seen.includes('delete inf-1') ? true : undefined),
        3000,
        'DELETED',
      );
      expect(informer.list(NS).map(o => o.metadata?.name)).toEqual(['inf-0']);
    } finally {
      await informer.stop();
    }
  });

  it('relists when the watch answers 410 Expired', async () => {
    const kc = t.kubeConfig();
    let lists = 0;
    const informer = makeInformer<KubernetesObject>(kc, PATH, () => {
      lists++;
      return custom.listNamespacedCustomObject({
        ...G,
        namespace: NS,
      }) as Promise<any>;
    });
    const added: string[] = [];
    informer.on('add', o => added.push(String(o.metadata?.name)));
    await informer.start();
    try {
      await waitFor(() => (lists === 1 ? true : undefined), 3000, 'first list');
      await waitFor(
        () => (t.emulator.cluster('dev').openWatches() > 0 ? true : undefined),
        3000,
        'watch open',
      );
      // The informer is at an old resourceVersion once history is compacted; dropping its watch makes it resume.
      t.emulator
        .cluster('dev')
        .create(postgresClaim('while-away', 'tenant-identity'));
      t.emulator.cluster('dev').compact();
      t.emulator.setFaults('dev', { dropWatchesEverySeconds: 0.2 });
      await waitFor(
        () => (lists >= 2 ? true : undefined),
        5000,
        'relist after 410',
      );
      t.emulator.clearFaults('dev');
      await custom.createNamespacedCustomObject({
        ...G,
        namespace: NS,
        body: postgresClaim('after-relist', NS),
      });
      await waitFor(
        () => (added.includes('after-relist') ? true : undefined),
        3000,
        'events after relist',
      );
      expect(lists).toBeGreaterThanOrEqual(2);
      expect(added).toContain('after-relist');
    } finally {
      t.emulator.clearFaults('dev');
      await informer.stop();
    }
  });

  it('sends synthetic ADDED events without a resourceVersion and replays history with one', async () => {
    const before = t.emulator.cluster('dev').resourceVersion();
    t.emulator.cluster('dev').create(postgresClaim('replay-1', NS));
    const fresh = await watch(PATH, {
      labelSelector: 'fractal.dev/tenant=checkout',
    });
    await waitFor(() =>
      fresh.events.some(e => e.object.metadata.name === 'replay-1')
        ? true
        : undefined,
    );
    expect(fresh.events.every(e => e.type === 'ADDED')).toBe(true);
    fresh.abort();

    const resumed = await watch(PATH, { resourceVersion: before });
    await waitFor(() => (resumed.events.length > 0 ? true : undefined));
    expect(
      resumed.events.map(e => `${e.type} ${e.object.metadata.name}`),
    ).toEqual(['ADDED replay-1']);
    resumed.abort();
  });

  it('sends DELETED when an object stops matching the selector, and ADDED when it starts', async () => {
    t.emulator
      .cluster('dev')
      .create({
        ...postgresClaim('sel-1', NS),
        metadata: { name: 'sel-1', namespace: NS, labels: { watch: 'me' } },
      });
    const w = await watch(PATH, {
      labelSelector: 'watch=me',
      resourceVersion: t.emulator.cluster('dev').resourceVersion(),
    });
    await custom.patchNamespacedCustomObject({
      ...G,
      namespace: NS,
      name: 'sel-1',
      body: [{ op: 'replace', path: '/metadata/labels/watch', value: 'other' }],
    });
    await custom.patchNamespacedCustomObject({
      ...G,
      namespace: NS,
      name: 'sel-1',
      body: [{ op: 'replace', path: '/metadata/labels/watch', value: 'me' }],
    });
    await waitFor(() => (w.events.length >= 2 ? true : undefined));
    expect(w.events.map(e => e.type)).toEqual(['DELETED', 'ADDED']);
    w.abort();
  });

  it('sends BOOKMARK events only when allowed, and ends at timeoutSeconds', async () => {
    const plain = await watch(PATH, {
      resourceVersion: t.emulator.cluster('dev').resourceVersion(),
      timeoutSeconds: 1,
    });
    const bookmarks = await watch(PATH, {
      resourceVersion: t.emulator.cluster('dev').resourceVersion(),
      allowWatchBookmarks: true,
      timeoutSeconds: 1,
    });
    expect(await plain.done).toBe('closed');
    await bookmarks.done;
    expect(plain.events).toEqual([]);
    expect(bookmarks.events.length).toBeGreaterThan(0);
    expect(bookmarks.events[0]).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'PostgreSQLInstance',
        apiVersion: API_VERSION,
        metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
      },
    });
  });

  it('answers an ERROR 410 event for a resourceVersion older than the history', async () => {
    const old = t.emulator.cluster('dev').resourceVersion();
    t.emulator.cluster('dev').create(postgresClaim('bump-1', NS));
    t.emulator.cluster('dev').compact();
    const w = await watch(PATH, { resourceVersion: old });
    await w.done;
    expect(w.events).toHaveLength(1);
    expect(w.events[0].type).toBe('ERROR');
    expect(w.events[0].object).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
  });

  it('sends headers at once, before any event', async () => {
    const cluster = t.emulator.clusters[0];
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL(
          `${PATH}?watch=true&resourceVersion=${t.emulator
            .cluster('dev')
            .resourceVersion()}`,
          cluster.url,
        ),
        {
          ca: cluster.caPem,
          headers: { Authorization: `Bearer ${t.emulator.tokens.admin}` },
          agent: false,
        },
        res => {
          resolve(res.statusCode ?? 0);
          expect(res.headers['content-type']).toBe('application/json');
          expect(res.headers['transfer-encoding']).toBe('chunked');
          res.destroy();
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
