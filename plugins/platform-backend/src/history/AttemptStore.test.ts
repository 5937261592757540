import type { TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import {
  attemptKey,
  AttemptStore,
  toProvisioningAttempt,
} from './AttemptStore';
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

  it.each([
    ['generation 1 with an estimated start', 1, true, 60_000],
    ['a later generation with an observed start', 2, false, 60_000],
    ['a later generation whose start is a stand-in', 2, true, undefined],
  ])(
    'records the provisioning time of %s',
    async (_case, generation, estimated, durationMs) => {
      const attempt = { ...key, generation };
      await store.ensure({ ...seed, ...attempt, estimated }, T0);
      await store.markReady(attempt, T0 + 60_000, { estimated: false });
      const record = await store.get(attempt);
      expect(record?.readyAt).toBe(T0 + 60_000);
      expect(record?.durationMs).toBe(durationMs);
    },
  );

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

  it('inserts attempts found finished as they stand, many per statement, skipping existing ones', async () => {
    await store.ensure({ ...seed, uid: 'u0' }, T0);
    const outcomeOf = (i: number) => {
      if (i % 5 === 1) return { failedAt: T0, failureReason: 'ReconcileError' };
      if (i % 5 === 2) return {};
      return { readyAt: T0 + 60_000, durationMs: 60_000 + i * 3_600_000 };
    };
    const found = Array.from({ length: 450 }, (_, i) => ({
      ...seed,
      uid: `u${i}`,
      tenant: i % 3 ? 'payments' : undefined,
      kind: i % 2 ? 'Bucket' : 'Cache',
      createdViaPortal: i % 4 === 0,
      startedAt: T0 - i * 3_600_000,
      estimated: true,
      ...outcomeOf(i),
    }));
    const inserted = await store.insertNew(found, T0);
    expect(inserted.size).toBe(449);
    expect(inserted.has(attemptKey({ ...key, uid: 'u0' }))).toBe(false);
    expect(await store.get({ ...key, uid: 'u0' })).toMatchObject({
      readyAt: undefined,
      estimated: false,
    });
    expect(await store.get({ ...key, uid: 'u8' })).toMatchObject({
      readyAt: T0 + 60_000,
      durationMs: 60_000 + 8 * 3_600_000,
      estimated: true,
    });
    expect(
      toProvisioningAttempt((await store.get({ ...key, uid: 'u6' }))!),
    ).toMatchObject({ outcome: 'failed', failureReason: 'ReconcileError' });
    // Again: nothing new, nothing counted twice (checked after each test).
    expect((await store.insertNew(found, T0)).size).toBe(0);
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
