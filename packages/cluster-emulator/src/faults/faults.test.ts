import { CustomObjectsApi, Watch } from '@kubernetes/client-node';
import {
  postgresClaim,
  startTestEmulator,
  TestEmulator,
  waitFor,
} from '../__testUtils__/testEmulator';
import { statusOf } from '../__testUtils__/statusOf';

const G = {
  group: 'platform.fractal.dev',
  version: 'v1alpha1',
  plural: 'postgresqlinstances',
};
const NS = 'tenant-search';
const PATH = `/apis/platform.fractal.dev/v1alpha1/namespaces/${NS}/postgresqlinstances`;

describe('fault injection', () => {
  let t: TestEmulator;
  let custom: CustomObjectsApi;

  beforeAll(async () => {
    t = await startTestEmulator({ operator: { enabled: false } });
    custom = t.kubeConfig().makeApiClient(CustomObjectsApi);
  }, 30_000);
  afterEach(() => t.emulator.clearFaults());
  afterAll(() => t.stop());

  async function openWatch(
    params: Record<string, string | number | boolean | undefined>,
  ) {
    const events: Array<{ type: string; object: any }> = [];
    let closedAt = 0;
    const done = new Promise<unknown>(resolve => {
      new Watch(t.kubeConfig())
        .watch(
          PATH,
          params,
          (type, object) => events.push({ type, object }),
          err => {
            closedAt = Date.now();
            resolve(err);
          },
        )
        .catch(resolve);
    });
    return { events, done, closedAt: () => closedAt };
  }

  it('is off by default', () => {
    expect(t.emulator.cluster('dev').faults()).toEqual({});
  });

  it('adds latency to every request', async () => {
    t.emulator.setFaults('dev', { latencyMs: 300 });
    const started = Date.now();
    await custom.listNamespacedCustomObject({ ...G, namespace: NS });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it.each([
    [500, 'InternalError'],
    [503, 'ServiceUnavailable'],
    [504, 'Timeout'],
  ] as const)(
    'answers an error rate with %i %s Status bodies',
    async (code, reason) => {
      t.emulator.setFaults('dev', { errorRate: 1, errorCode: code });
      const failed = await statusOf(
        custom.listNamespacedCustomObject({ ...G, namespace: NS }),
      );
      expect(failed.code).toBe(code);
      expect(failed.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason,
        code,
      });
    },
  );

  it('fails roughly the configured share of requests', async () => {
    t.emulator.setFaults('dev', { errorRate: 0.5 });
    let failures = 0;
    for (let i = 0; i < 40; i++) {
      const res = await t.raw({ path: PATH });
      if (res.status === 500) failures++;
    }
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
  });

  it('drops watches every N seconds', async () => {
    t.emulator.setFaults('dev', { dropWatchesEverySeconds: 0.3 });
    const started = Date.now();
    const w = await openWatch({
      resourceVersion: t.emulator.cluster('dev').resourceVersion(),
    });
    await w.done;
    expect(w.closedAt() - started).toBeLessThan(2000);
  });

  it('forces 410 Expired on watches that resume, and expires open ones when set', async () => {
    const open = await openWatch({
      resourceVersion: t.emulator.cluster('dev').resourceVersion(),
    });
    await waitFor(() =>
      t.emulator.cluster('dev').openWatches() > 0 ? true : undefined,
    );
    t.emulator.cluster('dev').create(postgresClaim('bump', NS));
    t.emulator.setFaults('dev', { forceWatchExpired: true });
    await open.done;
    expect(open.events.at(-1)).toMatchObject({
      type: 'ERROR',
      object: { code: 410, reason: 'Expired' },
    });

    const resumed = await openWatch({ resourceVersion: '1' });
    await resumed.done;
    expect(resumed.events).toEqual([
      { type: 'ERROR', object: expect.objectContaining({ code: 410 }) },
    ]);

    const fresh = await openWatch({
      resourceVersion: t.emulator.cluster('dev').resourceVersion(),
      timeoutSeconds: 1,
    });
    await fresh.done;
    expect(fresh.events).toEqual([]);
  });

  it('refuses connections during an outage, then serves again', async () => {
    const res = await t.raw({
      method: 'POST',
      path: '/__emulator/faults',
      body: JSON.stringify({ outageMs: 600 }),
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    await waitFor(async () => {
      try {
        await t.raw({ path: '/version' });
        return undefined;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code;
      }
    }).then(code => expect(code).toBe('ECONNREFUSED'));
    const back = await waitFor(
      async () => {
        try {
          return await t.raw({ path: '/version' });
        } catch {
          return undefined;
        }
      },
      5000,
      'the listener to come back',
    );
    expect(back.status).toBe(200);
    expect(t.emulator.cluster('dev').faults()).toEqual({});
  });

  it('slows streams: each watch event and each chunk of a response waits', async () => {
    t.emulator.setFaults('dev', { slowStreamMs: 250 });
    const listStarted = Date.now();
    await custom.listNamespacedCustomObject({ ...G, namespace: NS });
    expect(Date.now() - listStarted).toBeGreaterThanOrEqual(240);
    const w = await openWatch({
      resourceVersion: t.emulator.cluster('dev').resourceVersion(),
    });
    const written = Date.now();
    t.emulator.cluster('dev').create(postgresClaim('slow-1', NS));
    await waitFor(() => (w.events.length > 0 ? true : undefined), 3000);
    expect(Date.now() - written).toBeGreaterThanOrEqual(240);
    t.emulator.setFaults('dev', { dropWatchesEverySeconds: 0.1 });
    await w.done;
  });

  it('takes faults over the admin endpoint, checked', async () => {
    const bad = await t.raw({
      method: 'POST',
      path: '/__emulator/faults',
      body: JSON.stringify({ errorRate: 2 }),
      contentType: 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(bad.json().message).toMatch(/errorRate/);
    const unknown = await t.raw({
      method: 'POST',
      path: '/__emulator/faults',
      body: JSON.stringify({ chaos: true }),
      contentType: 'application/json',
    });
    expect(unknown.status).toBe(400);
    const ok = await t.raw({
      method: 'POST',
      path: '/__emulator/faults',
      body: JSON.stringify({ latencyMs: 5 }),
      contentType: 'application/json',
    });
    expect(ok.json()).toEqual({ latencyMs: 5 });
    expect((await t.raw({ path: '/__emulator/faults' })).json()).toEqual({
      latencyMs: 5,
    });
    expect(
      (await t.raw({ method: 'DELETE', path: '/__emulator/faults' })).status,
    ).toBe(200);
    expect(t.emulator.cluster('dev').faults()).toEqual({});
  });

  it('takes faults from the start options, per cluster', async () => {
    const other = await startTestEmulator({
      platform: false,
      clusters: [
        { name: 'a', port: 0, faults: { latencyMs: 10 } },
        { name: 'b', port: 0 },
      ],
    });
    try {
      expect(other.emulator.cluster('a').faults()).toEqual({ latencyMs: 10 });
      expect(other.emulator.cluster('b').faults()).toEqual({});
    } finally {
      await other.stop();
    }
  });
});
