import { EventStore, parseEvent } from './EventStore';

function rawEvent(
  uid: string,
  involvedUid: string,
  last: string,
  extra: object = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      uid,
      name: uid,
      namespace: 'tenant-payments',
      resourceVersion: '1',
      managedFields: [{}],
    },
    involvedObject: {
      apiVersion: 'platform.fractal.dev/v1alpha1',
      kind: 'Bucket',
      name: 'assets',
      namespace: 'tenant-payments',
      uid: involvedUid,
    },
    reason: 'Creating',
    message: 'creating the bucket',
    type: 'Normal',
    count: 2,
    firstTimestamp: '2025-06-01T00:00:00Z',
    lastTimestamp: last,
    ...extra,
  };
}

describe('parseEvent', () => {
  it('keeps the API shape and the involved group', () => {
    expect(
      parseEvent('dev', rawEvent('e1', 'o1', '2025-06-01T00:01:00Z')),
    ).toEqual({
      metadata: { uid: 'e1', resourceVersion: '1' },
      involvedUid: 'o1',
      group: 'platform.fractal.dev',
      event: {
        type: 'Normal',
        reason: 'Creating',
        message: 'creating the bucket',
        count: 2,
        firstTimestamp: '2025-06-01T00:00:00Z',
        lastTimestamp: '2025-06-01T00:01:00Z',
        involvedObject: {
          cluster: 'dev',
          apiVersion: 'platform.fractal.dev/v1alpha1',
          kind: 'Bucket',
          name: 'assets',
          namespace: 'tenant-payments',
          uid: 'o1',
        },
      },
    });
  });

  it('reads series events without lastTimestamp', () => {
    const parsed = parseEvent(
      'dev',
      rawEvent('e1', 'o1', '', {
        lastTimestamp: null,
        count: undefined,
        eventTime: '2025-06-01T00:00:05Z',
        series: { count: 7, lastObservedTime: '2025-06-01T00:09:00Z' },
      }),
    );
    expect(parsed?.event).toMatchObject({
      count: 7,
      lastTimestamp: '2025-06-01T00:09:00Z',
    });
  });

  it.each([[{}], [{ metadata: { uid: 'x' }, involvedObject: {} }], ['text']])(
    'rejects %j',
    raw => {
      expect(parseEvent('dev', raw)).toBeUndefined();
    },
  );
});

describe('EventStore', () => {
  const at = (m: number) => `2025-06-01T00:${String(m).padStart(2, '0')}:00Z`;

  it('keeps the most recent events per object', () => {
    const store = new EventStore({ maxPerObject: 2, maxPerCluster: 100 });
    store.upsert(parseEvent('dev', rawEvent('e1', 'o1', at(1)))!);
    store.upsert(parseEvent('dev', rawEvent('e3', 'o1', at(3)))!);
    store.upsert(parseEvent('dev', rawEvent('e2', 'o1', at(2)))!);
    store.upsert(parseEvent('dev', rawEvent('e9', 'o2', at(9)))!);
    expect(store.forObjects(['o1'], 10).map(e => e.lastTimestamp)).toEqual([
      at(3),
      at(2),
    ]);
    expect(store.forObjects(['o1', 'o2'], 2).map(e => e.lastTimestamp)).toEqual(
      [at(9), at(3)],
    );
    expect(store.size).toBe(3);
  });

  it('bounds the cluster, dropping the least recently written first', () => {
    const store = new EventStore({ maxPerObject: 10, maxPerCluster: 3 });
    for (let i = 1; i <= 5; i++) {
      store.upsert(parseEvent('dev', rawEvent(`e${i}`, `o${i}`, at(i)))!);
    }
    store.upsert(parseEvent('dev', rawEvent('e3', 'o3', at(30)))!); // rewritten: now the newest
    store.upsert(parseEvent('dev', rawEvent('e6', 'o6', at(6)))!);
    expect(store.size).toBe(3);
    expect(
      store
        .forObjects(['o1', 'o2', 'o3', 'o4', 'o5', 'o6'], 10)
        .map(e => e.involvedObject.uid),
    ).toEqual(['o3', 'o6', 'o5']);
  });

  it('deletes', () => {
    const store = new EventStore({ maxPerObject: 10, maxPerCluster: 10 });
    store.upsert(parseEvent('dev', rawEvent('e1', 'o1', at(1)))!);
    store.delete('e1');
    store.delete('nope');
    expect(store.forObjects(['o1'], 10)).toEqual([]);
    expect(store.size).toBe(0);
  });
});
