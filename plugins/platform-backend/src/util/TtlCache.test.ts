import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  it('reuses a value for the TTL, then computes again', async () => {
    let now = 0;
    const cache = new TtlCache<number>(1000, 10, () => now);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('a', compute)).toBe(1);
    now = 999;
    expect(await cache.get('a', compute)).toBe(1);
    now = 1000;
    expect(await cache.get('a', compute)).toBe(2);
    expect(await cache.get('b', compute)).toBe(3);
  });

  it('forgets failures and bounds its size', async () => {
    const cache = new TtlCache<string>(1000, 2, () => 0);
    await expect(
      cache.get('x', () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    expect(await cache.get('x', async () => 'up')).toBe('up');
    await cache.get('y', async () => 'y');
    await cache.get('z', async () => 'z');
    expect(await cache.get('x', async () => 'again')).toBe('again');
  });

  it('computes every time with a TTL of 0', async () => {
    const cache = new TtlCache<number>(0);
    let calls = 0;
    await cache.get('a', async () => ++calls);
    await cache.get('a', async () => ++calls);
    expect(calls).toBe(2);
  });
});
