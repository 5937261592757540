import { ObjectStore } from './ObjectStore';
import { StoredObject, TableView } from './ResourceTable';

const KEY = 'demo.fractal.dev/things';

function keysOf(view: TableView): string[] {
  const next = view.keysFrom('');
  const keys: string[] = [];
  for (let key = next(); key !== undefined; key = next()) keys.push(key);
  return keys;
}

function stateOf(view: TableView): string[] {
  return keysOf(view).flatMap(key => {
    const stored = view.get(key);
    return stored ? [`${key}@${stored.rv}`] : [];
  });
}

describe('ResourceTable views', () => {
  it('reads each key as it was at a past resourceVersion', () => {
    const store = new ObjectStore(100);
    const put = (name: string, previous?: StoredObject) =>
      store.put(KEY, `/${name}`, { metadata: { name } }, previous);
    const a1 = put('a');
    const b1 = put('b');
    const before = store.resourceVersion;
    const a2 = put('a', a1);
    store.remove(KEY, b1);
    const c1 = put('c');
    const table = store.table(KEY);
    expect(stateOf(table.viewAt(before)!)).toEqual([
      `/a@${a1.rv}`,
      `/b@${b1.rv}`,
    ]);
    expect(stateOf(table.currentView(store.resourceVersion))).toEqual([
      `/a@${a2.rv}`,
      `/c@${c1.rv}`,
    ]);
    // b is deleted now, but a view before its deletion still reaches it, once.
    expect(keysOf(table.viewAt(before)!)).toEqual(['/a', '/b', '/c']);
    const b2 = put('b');
    expect(keysOf(table.viewAt(before)!)).toEqual(['/a', '/b', '/c']);
    expect(table.viewAt(before)!.get('/b')).toBe(b1);
    expect(table.viewAt(store.resourceVersion)!.get('/b')).toBe(b2);
  });

  it('forgets deleted keys once their events leave the history', () => {
    const store = new ObjectStore(10);
    const stored = Array.from({ length: 50 }, (_, i) =>
      store.put(KEY, `/obj-${i}`, { metadata: { name: `obj-${i}` } }),
    );
    const table = store.table(KEY);
    expect(keysOf(table.viewAt(store.resourceVersion)!)).toHaveLength(50);
    for (const s of stored) store.remove(KEY, s);
    // Only the deletions still in the history are left to read.
    expect(keysOf(table.viewAt(store.resourceVersion)!)).toHaveLength(10);
    expect(table.viewAt(store.resourceVersion - 11)).toBeUndefined();
    store.compact();
    expect(keysOf(table.viewAt(store.resourceVersion)!)).toEqual([]);
  });

  it('keeps the sorted keys in order through writes, without sorting again', () => {
    const store = new ObjectStore(100);
    const table = store.table(KEY);
    store.put(KEY, '/m', { metadata: { name: 'm' } });
    const sorted = table.sortedKeys();
    const z = store.put(KEY, '/z', { metadata: { name: 'z' } });
    store.put(KEY, '/a', { metadata: { name: 'a' } });
    store.remove(KEY, z);
    expect(table.sortedKeys()).toBe(sorted);
    expect(sorted).toEqual(['/a', '/m']);
    expect(table.countFrom('/b')).toBe(1);
    expect(table.countFrom('/', '/n')).toBe(2);
  });
});
