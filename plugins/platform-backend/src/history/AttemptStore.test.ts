import type { TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { AttemptStore, toProvisioningAttempt } from './AttemptStore';
import {
  expectAttemptCountsExact,
  historyTestDatabases,
  migratedDatabase,
} from './__testUtils__/historyTestDatabases';
import { T0 } from './__testUtils__/resourceChanges';

jest.setTimeout(60_000);

const databases = historyTestDatabases();
const key = { cluster: 'dev', uid: 'u1', generation: 1 };
const seed = {
  ...key,
  kind: 'Bucket',
  name: 'b',
  tenant: 'payments',
  createdViaPortal: false,
  startedAt: T0,
  estimated: false,
};

describe.each(databases.eachSupportedId())('AttemptStore on %s', databaseId => {
  let db: Knex;
  let store: AttemptStore;
  afterEach(() => expectAttemptCountsExact(db));

  beforeEach(async () => {
    db = await migratedDatabase(databases, databaseId as TestDatabaseId);
    store = new AttemptStore(db);
  });

  it('keeps the first start of an attempt', async () => {
    await store.ensure(seed, T0);
    await store.ensure({ ...seed, startedAt: T0 - 5_000, estimated: true }, T0);
    expect(await store.get(key)).toMatchObject({
      startedAt: T0,
      estimated: false,
    });
  });

  it('lets exactly one of many concurrent writers record the first Ready', async () => {
    await store.ensure(seed, T0);
    const other = databaseId.startsWith('POSTGRES')
      ? knexFactory(db.client.config)
      : db;
    try {
      const stores = [store, new AttemptStore(other)];
      const won = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          stores[i % 2].markReady(key, T0 + 1_000 + i, { estimated: false }),
        ),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = won.indexOf(true);
      expect(await store.get(key)).toMatchObject({
        readyAt: T0 + 1_000 + winner,
        durationMs: 1_000 + winner,
      });
    } finally {
      if (other !== db) await other.destroy();
    }
  });

  it('clamps a Ready time before the start to the start', async () => {
    await store.ensure(seed, T0);
    await store.markReady(key, T0 - 9_000, { estimated: true });
    expect(toProvisioningAttempt((await store.get(key))!)).toMatchObject({
      readyAt: new Date(T0).toISOString(),
      durationMs: 0,
      estimated: true,
    });
  });

  it('records a failure only before Ready, and truncates long reasons', async () => {
    await store.ensure(seed, T0);
    expect(
      await store.markFailed(key, T0 + 1, 'R'.repeat(400), 'm'.repeat(5000)),
    ).toBe(true);
    expect(await store.markFailed(key, T0 + 2, 'Again')).toBe(false);
    const failed = (await store.get(key))!;
    expect(failed.failureReason).toHaveLength(253);
    expect(failed.failureMessage).toHaveLength(4000);
    await store.markReady(key, T0 + 3, { estimated: false });
    await store.ensure({ ...seed, uid: 'u2' }, T0);
    await store.markReady({ ...key, uid: 'u2' }, T0 + 3, { estimated: false });
    expect(await store.markFailed({ ...key, uid: 'u2' }, T0 + 4)).toBe(false);
  });

  it('supersedes only open attempts of older generations', async () => {
    await store.ensure(seed, T0);
    await store.ensure({ ...seed, generation: 2, startedAt: T0 + 10 }, T0);
    await store.ensure({ ...seed, generation: 3, startedAt: T0 + 20 }, T0);
    await store.markReady({ ...key, generation: 2 }, T0 + 15, {
      estimated: false,
    });
    expect(await store.supersedeOlder({ ...key, generation: 3 }, T0 + 20)).toBe(
      1,
    );
    const all = (await store.forResource('dev', 'u1')).map(
      toProvisioningAttempt,
    );
    expect(all.map(a => [a.generation, a.outcome])).toEqual([
      [3, 'in-progress'],
      [2, 'ready'],
      [1, 'superseded'],
    ]);
  });

  it('lists attempts of a window by tenant and kind, oldest first, paged', async () => {
    for (let i = 0; i < 5; i++) {
      await store.ensure(
        {
          ...seed,
          uid: `u${i}`,
          tenant: i % 2 ? 'search' : 'payments',
          kind: i === 4 ? 'Cache' : 'Bucket',
          startedAt: T0 + i,
        },
        T0,
      );
    }
    const page = await store.list({
      from: T0,
      to: T0 + 5,
      tenants: ['payments'],
      limit: 1,
      offset: 1,
    });
    expect(page.map(a => a.uid)).toEqual(['u2']);
    const caches = await store.list({
      from: T0,
      to: T0 + 5,
      kind: 'Cache',
      limit: 10,
      offset: 0,
    });
    expect(caches.map(a => a.uid)).toEqual(['u4']);
    const window = await store.list({
      from: T0 + 1,
      to: T0 + 3,
      limit: 10,
      offset: 0,
    });
    expect(window.map(a => a.uid)).toEqual(['u1', 'u2']);
  });
});
