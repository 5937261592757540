import type { TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { ResourceCountStore } from './ResourceCountStore';
import {
  resourceKey,
  ResourceStore,
  type ResourceRecord,
} from './ResourceStore';
import {
  expectResourceCountsExact,
  historyTestDatabases,
  migratedDatabase,
} from './__testUtils__/historyTestDatabases';
import { T0 } from './__testUtils__/resourceChanges';

jest.setTimeout(60_000);

const databases = historyTestDatabases();
const DAY = 86_400_000;
const day = Math.floor(T0 / DAY);
const bucket: Omit<ResourceRecord, 'deletedAt'> = {
  cluster: 'dev',
  uid: 'r1',
  kind: 'Bucket',
  namespace: 'tenant-payments',
  name: 'assets',
  tenant: 'payments',
  generation: 1,
  createdAt: T0,
  createdViaPortal: true,
};

describe.each(databases.eachSupportedId())(
  'ResourceStore on %s',
  databaseId => {
    let db: Knex;
    let store: ResourceStore;
    beforeEach(async () => {
      db = await migratedDatabase(databases, databaseId as TestDatabaseId);
      store = new ResourceStore(db);
    });
    afterEach(() => expectResourceCountsExact(db));

    const counts = () => new ResourceCountStore(db).all();

    it('inserts new resources many per statement, counting each once and leaving existing rows alone', async () => {
      await store.upsert({ ...bucket, uid: 'r0', name: 'kept' }, T0);
      const found = Array.from({ length: 430 }, (_, i) => ({
        ...bucket,
        uid: `r${i}`,
        name: `found-${i}`,
        tenant: i % 3 ? 'payments' : undefined,
        createdViaPortal: i % 2 === 0,
        createdAt: T0 - (i % 7) * DAY,
      }));
      const inserted = await store.insertNew(found, T0 + 5);
      expect(inserted.size).toBe(429);
      expect(inserted.has(resourceKey('dev', 'r0'))).toBe(false);
      expect(await store.get('dev', 'r0')).toMatchObject({ name: 'kept' });
      expect(await store.get('dev', 'r8')).toMatchObject({
        name: 'found-8',
        createdAt: T0 - DAY,
        tenant: 'payments',
      });
      expect((await store.insertNew(found, T0 + 6)).size).toBe(0);
      const created = (await counts()).reduce((n, c) => n + c.created, 0);
      expect(created).toBe(430);
    });

    it('counts a creation once, keeps the first creation time, and counts the deletion once', async () => {
      await store.upsert(bucket, T0);
      await store.upsert(
        { ...bucket, createdAt: T0 - 5 * DAY, generation: 2 },
        T0 + 1,
      );
      expect(await store.get('dev', 'r1')).toMatchObject({
        createdAt: T0,
        generation: 2,
      });
      expect(await store.markDeleted('dev', 'r1', T0 + 2 * DAY)).toBe(true);
      expect(await store.markDeleted('dev', 'r1', T0 + 3 * DAY)).toBe(false);
      expect(await counts()).toEqual([
        {
          tenant: 'payments',
          kind: 'Bucket',
          createdViaPortal: true,
          day,
          created: 1,
          deleted: 0,
        },
        {
          tenant: 'payments',
          kind: 'Bucket',
          createdViaPortal: true,
          day: day + 2,
          created: 0,
          deleted: 1,
        },
      ]);
    });

    it('moves the counts of a resource whose tenant changes', async () => {
      await store.upsert(bucket, T0);
      await store.markDeleted('dev', 'r1', T0 + DAY);
      await store.upsert({ ...bucket, tenant: 'search' }, T0 + 2 * DAY);
      expect(await counts()).toEqual([
        {
          tenant: 'search',
          kind: 'Bucket',
          createdViaPortal: true,
          day,
          created: 1,
          deleted: 0,
        },
        {
          tenant: 'search',
          kind: 'Bucket',
          createdViaPortal: true,
          day: day + 1,
          created: 0,
          deleted: 1,
        },
      ]);
    });

    it('never records a deletion before the creation', async () => {
      await store.upsert(bucket, T0);
      await store.markDeleted('dev', 'r1', T0 - 10_000);
      expect((await store.get('dev', 'r1'))?.deletedAt).toBe(T0);
    });

    it('counts a resource once when replicas write it at the same time', async () => {
      const other = databaseId.startsWith('POSTGRES')
        ? knexFactory(db.client.config)
        : db;
      try {
        const stores = [store, new ResourceStore(other)];
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            stores[i % 2].upsert(
              { ...bucket, generation: 1 + (i % 3) },
              T0 + i,
            ),
          ),
        );
        await Promise.all(
          stores.map(s => s.markDeleted('dev', 'r1', T0 + DAY)),
        );
        expect(await counts()).toEqual([
          {
            tenant: 'payments',
            kind: 'Bucket',
            createdViaPortal: true,
            day,
            created: 1,
            deleted: 0,
          },
          {
            tenant: 'payments',
            kind: 'Bucket',
            createdViaPortal: true,
            day: day + 1,
            created: 0,
            deleted: 1,
          },
        ]);
      } finally {
        if (other !== db) await other.destroy();
      }
    });
  },
);
