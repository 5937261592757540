import { mockServices } from '@backstage/backend-test-utils';
import { KubeApiError } from './KubeApiError';
import {
  ListWatch,
  type ListWatchChange,
  type WatchedObject,
} from './ListWatch';
import { FakeClock, flush } from './__testUtils__/FakeClock';
import { FakeTransport } from './__testUtils__/FakeTransport';

type Obj = WatchedObject & { metadata: { name: string } };

function obj(uid: string, rv: string, name = uid): Obj {
  return { metadata: { uid, name, resourceVersion: rv } };
}

const gone = {
  kind: 'Status',
  code: 410,
  reason: 'Expired',
  message: 'too old resource version',
};

function setup(overrides: { random?: () => number } = {}) {
  const clock = new FakeClock();
  const transport = new FakeTransport();
  const changes: string[] = [];
  const informer = new ListWatch<Obj>({
    name: 'test',
    path: '/apis/g/v1/things',
    transport,
    labelSelector: 'a=b',
    pageSize: 2,
    resyncPeriodMs: 600_000,
    watchTimeoutSeconds: 300,
    backoff: {
      initialMs: 1000,
      maxMs: 30_000,
      random: overrides.random ?? (() => 0),
    },
    clock,
    transform: raw => raw as Obj,
    onChange: (c: ListWatchChange<Obj>) =>
      changes.push(
        `${c.type}:${c.object.metadata.uid}@${
          c.object.metadata.resourceVersion
        }${c.initial ? ':initial' : ''}`,
      ),
    logger: mockServices.logger.mock(),
  });
  return { clock, transport, changes, informer };
}

describe('ListWatch', () => {
  it('lists every page, then watches from the list resourceVersion', async () => {
    const { transport, changes, informer } = setup();
    transport.listImpl = async query =>
      query.continue === undefined
        ? {
            metadata: { resourceVersion: '10', continue: 'p2' },
            items: [obj('a', '1'), obj('b', '2')],
          }
        : { metadata: { resourceVersion: '10' }, items: [obj('c', '3')] };
    informer.start();
    await flush();
    expect(
      transport.lists.map(l => [
        l.query.limit,
        l.query.continue,
        l.query.labelSelector,
      ]),
    ).toEqual([
      [2, undefined, 'a=b'],
      [2, 'p2', 'a=b'],
    ]);
    expect(changes).toEqual([
      'added:a@1:initial',
      'added:b@2:initial',
      'added:c@3:initial',
    ]);
    expect(transport.lastWatch?.query).toMatchObject({
      resourceVersion: '10',
      allowWatchBookmarks: true,
      timeoutSeconds: 300,
      labelSelector: 'a=b',
    });
    expect(informer.getState()).toMatchObject({
      synced: true,
      connected: true,
      phase: 'watching',
    });

    const w = transport.lastWatch!;
    w.send('ADDED', obj('d', '11'));
    w.send('MODIFIED', obj('a', '12'));
    w.send('MODIFIED', obj('a', '12')); // duplicate: same resourceVersion
    w.send('DELETED', obj('b', '13'));
    w.send('BOOKMARK', { metadata: { resourceVersion: '20' } });
    expect(changes.slice(3)).toEqual([
      'added:d@11',
      'modified:a@12',
      'deleted:b@13',
    ]);
    expect([...informer.values()].map(o => o.metadata.uid).sort()).toEqual([
      'a',
      'c',
      'd',
    ]);

    w.end(); // the server closed the watch: resume from the bookmark
    await flush();
    expect(transport.lists).toHaveLength(2);
    expect(transport.lastWatch?.query.resourceVersion).toBe('20');
    await informer.stop();
  });

  it('relists on 410 and reconciles the cache by diff', async () => {
    const { clock, transport, changes, informer } = setup();
    transport.listImpl = async () => ({
      metadata: { resourceVersion: '5' },
      items: [obj('a', '1'), obj('b', '2')],
    });
    informer.start();
    await flush();
    transport.listImpl = async () => ({
      metadata: { resourceVersion: '9' },
      items: [obj('a', '1'), obj('b', '7'), obj('c', '8')],
    });
    transport.lastWatch!.send('ERROR', gone);
    await flush();
    expect(transport.lists).toHaveLength(2);
    expect(changes.slice(2)).toEqual([
      'modified:b@7:initial',
      'added:c@8:initial',
    ]);
    expect(transport.lastWatch?.query.resourceVersion).toBe('9');

    transport.listImpl = async () => ({
      metadata: { resourceVersion: '12' },
      items: [obj('c', '8')],
    });
    transport.lastWatch!.end(new KubeApiError('gone', 410));
    await flush();
    // a second 410 in a row on a watch that saw no events waits a backoff
    expect(transport.lists).toHaveLength(2);
    await clock.advance(500);
    expect(changes.slice(4)).toEqual([
      'deleted:a@1:initial',
      'deleted:b@7:initial',
    ]);
    await informer.stop();
  });

  it('restarts a paged list whose continue token expired', async () => {
    const { transport, changes, informer } = setup();
    let calls = 0;
    transport.listImpl = async query => {
      calls += 1;
      if (query.continue === undefined) {
        return {
          metadata: { resourceVersion: `${calls}`, continue: 'next' },
          items: [obj('a', '1')],
        };
      }
      if (calls === 2)
        throw new KubeApiError('continue expired', 410, 'Expired');
      return { metadata: { resourceVersion: '3' }, items: [obj('b', '2')] };
    };
    informer.start();
    await flush();
    expect(transport.lists.map(l => l.query.continue)).toEqual([
      undefined,
      'next',
      undefined,
      'next',
    ]);
    expect(changes).toEqual(['added:a@1:initial', 'added:b@2:initial']);
    expect(transport.lastWatch?.query.resourceVersion).toBe('3');
    await informer.stop();
  });

  it('backs off exponentially on errors and resumes the watch without relisting', async () => {
    const { clock, transport, informer } = setup();
    informer.start();
    await flush();
    transport.watchError = new KubeApiError('connect ECONNREFUSED', undefined);
    transport.lastWatch!.end(new KubeApiError('socket hang up', undefined));
    await flush();
    // equal jitter with random() = 0: half of 1 s, 2 s, 4 s ...
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      delays.push(clock.pending()[0]);
      await clock.advance(clock.pending()[0]);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect(informer.getState()).toMatchObject({
      connected: false,
      phase: 'backoff',
      lastError: { message: expect.stringContaining('ECONNREFUSED') },
    });
    transport.watchError = undefined;
    await clock.advance(clock.pending()[0]);
    expect(transport.lists).toHaveLength(1);
    expect(transport.lastWatch?.query.resourceVersion).toBe('1');
    expect(informer.getState().connected).toBe(true);
    await informer.stop();
  });

  it('does not spin in a 410 storm', async () => {
    const { clock, transport, informer } = setup();
    transport.watchError = new KubeApiError('Expired', 410, 'Expired');
    informer.start();
    await clock.advance(60_000);
    // at once, then after growing delays (0.5 s, 1 s, 2 s, 4 s, 8 s, 15 s, 15 s ...)
    expect(transport.lists.length).toBeGreaterThan(5);
    expect(transport.lists.length).toBeLessThan(12);
    transport.watchError = undefined;
    await clock.advance(30_000);
    const lists = transport.lists.length;
    transport.lastWatch!.send('ADDED', obj('x', '2'));
    expect(informer.getState().connected).toBe(true);
    await clock.advance(60_000);
    expect(transport.lists).toHaveLength(lists);
    await informer.stop();
  });

  it('relists every resync period', async () => {
    const { clock, transport, informer } = setup();
    informer.start();
    await flush();
    await clock.advance(599_000);
    transport.lastWatch!.send('BOOKMARK', {
      metadata: { resourceVersion: '3' },
    });
    expect(transport.lists).toHaveLength(1);
    await clock.advance(1_000);
    expect(transport.lists).toHaveLength(2);
    expect(transport.watches[0].closed).toBe(true);
    await informer.stop();
  });

  it('reconnects a silent watch after its timeout', async () => {
    const { clock, transport, informer } = setup();
    informer.start();
    await flush();
    transport.lastWatch!.send('BOOKMARK', {
      metadata: { resourceVersion: '4' },
    });
    await clock.advance(329_000);
    expect(transport.watches).toHaveLength(1);
    await clock.advance(1_000);
    expect(transport.watches[0].closed).toBe(true);
    expect(transport.watches).toHaveLength(2);
    expect(transport.lastWatch?.query.resourceVersion).toBe('4');
    await informer.stop();
  });

  it('keeps watching when a change handler throws', async () => {
    const clock = new FakeClock();
    const transport = new FakeTransport();
    const logger = mockServices.logger.mock();
    const seen: string[] = [];
    const informer = new ListWatch<Obj>({
      name: 'test',
      path: '/x',
      transport,
      pageSize: 10,
      resyncPeriodMs: 1e9,
      watchTimeoutSeconds: 300,
      backoff: { initialMs: 1000, maxMs: 1000 },
      clock,
      transform: raw => raw as Obj,
      onChange: c => {
        seen.push(c.object.metadata.uid);
        if (c.object.metadata.uid === 'bad') throw new Error('boom');
      },
      logger,
    });
    informer.start();
    await flush();
    transport.lastWatch!.send('ADDED', obj('bad', '2'));
    transport.lastWatch!.send('ADDED', obj('good', '3'));
    expect(seen).toEqual(['bad', 'good']);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('boom'));
    await informer.stop();
  });

  it('stops: closes the watch and makes no further calls', async () => {
    const { clock, transport, informer } = setup();
    informer.start();
    await flush();
    await informer.stop();
    expect(transport.lastWatch?.closed).toBe(true);
    expect(informer.getState().phase).toBe('stopped');
    await clock.advance(3_600_000);
    expect(transport.lists).toHaveLength(1);
    expect(transport.watches).toHaveLength(1);
  });
});
