import { ResourceTable } from '../store/ResourceTable';
import { ListBodyCache } from './ListBodyCache';

function change(table: ResourceTable, name: string) {
  table.apply({
    type: 'ADDED',
    rv: table.changes + 1,
    storageKey: 's',
    object: {
      key: `/${name}`,
      object: { metadata: { name } },
      bytes: Buffer.from('{}'),
      rv: table.changes + 1,
    },
  });
}

describe('ListBodyCache', () => {
  it('reuses a body until its table changes', () => {
    const table = new ResourceTable('s', 100, 0);
    const cache = new ListBodyCache(1000, 10);
    const body = Buffer.alloc(100, 1);
    cache.set('k', table, body);
    expect(cache.get('k', table)).toBe(body);
    change(table, 'a');
    expect(cache.get('k', table)).toBeUndefined();
  });

  it('keeps small bodies out and stays within its byte budget', () => {
    const table = new ResourceTable('s', 100, 0);
    const cache = new ListBodyCache(250, 10);
    cache.set('tiny', table, Buffer.alloc(5));
    expect(cache.get('tiny', table)).toBeUndefined();
    cache.set('a', table, Buffer.alloc(100));
    cache.set('b', table, Buffer.alloc(100));
    expect(cache.get('a', table)).toBeDefined();
    cache.set('c', table, Buffer.alloc(100));
    expect(cache.get('b', table)).toBeUndefined();
    expect(cache.get('a', table)).toBeDefined();
    expect(cache.get('c', table)).toBeDefined();
  });
});
