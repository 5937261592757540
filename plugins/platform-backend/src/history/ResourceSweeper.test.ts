import {
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { AttemptStore } from './AttemptStore';
import { ResourceStore } from './ResourceStore';
import { ResourceSweeper, type LiveResourceSnapshot } from './ResourceSweeper';
import {
  expectResourceCountsExact,
  historyTestDatabases,
  migratedDatabase,
} from './__testUtils__/historyTestDatabases';
import { T0 } from './__testUtils__/resourceChanges';

jest.setTimeout(60_000);

const databases = historyTestDatabases();
const MIN = 60_000;

describe.each(databases.eachSupportedId())(
  'ResourceSweeper on %s',
  databaseId => {
    let db: Knex;
    let resources: ResourceStore;
    let attempts: AttemptStore;

    beforeEach(async () => {
      db = await migratedDatabase(databases, databaseId as TestDatabaseId);
      resources = new ResourceStore(db);
      attempts = new AttemptStore(db);
      const add = async (cluster: string, uid: string, writtenAt: number) => {
        await resources.upsert(
          {
            cluster,
            uid,
            kind: 'Bucket',
            name: uid,
            tenant: 'payments',
            generation: 1,
            createdAt: T0 - 60 * MIN,
            createdViaPortal: false,
          },
          writtenAt,
        );
        await attempts.ensure(
          {
            cluster,
            uid,
            generation: 1,
            kind: 'Bucket',
            name: uid,
            tenant: 'payments',
            createdViaPortal: false,
            startedAt: T0 - 60 * MIN,
            estimated: false,
          },
          writtenAt,
        );
      };
      await add('dev', 'kept', T0 - 30 * MIN);
      await add('dev', 'gone', T0 - 30 * MIN);
      await add('dev', 'fresh', T0 - 1_000);
      await add('prod-eu', 'unsynced', T0 - 30 * MIN);
      await add('prod-us', 'offline', T0 - 30 * MIN);
    });

    afterEach(() => expectResourceCountsExact(db));

    it('records deletions that happened while nobody watched, only on synced, connected clusters', async () => {
      const snapshot: LiveResourceSnapshot = {
        clusters: [
          { name: 'dev', synced: true, connected: true },
          { name: 'prod-eu', synced: false, connected: true },
          { name: 'prod-us', synced: true, connected: false },
        ],
        resources: [{ cluster: 'dev', uid: 'kept' }],
      };
      const sweeper = new ResourceSweeper({
        db,
        resources,
        attempts,
        snapshot: () => snapshot,
        logger: mockServices.logger.mock(),
        now: () => T0,
      });
      expect(await sweeper.run()).toBe(1);
      expect(await sweeper.run()).toBe(0);
      const deletedAt = async (cluster: string, uid: string) =>
        (await resources.get(cluster, uid))?.deletedAt;
      expect(await deletedAt('dev', 'gone')).toBe(T0);
      expect(await deletedAt('dev', 'kept')).toBeUndefined();
      expect(await deletedAt('dev', 'fresh')).toBeUndefined();
      expect(await deletedAt('prod-eu', 'unsynced')).toBeUndefined();
      expect(await deletedAt('prod-us', 'offline')).toBeUndefined();
      expect(
        (await attempts.get({ cluster: 'dev', uid: 'gone', generation: 1 }))
          ?.deletedAt,
      ).toBe(T0);
    });

    it.each<[string, number | undefined, string[]]>([
      ['without a start time: only rows past the grace period', undefined, []],
      [
        'rows last written before this backend started watching',
        T0 + 5_000,
        ['fresh'],
      ],
      [
        'not rows written within the allowed clock skew of the start',
        T0 - 500,
        [],
      ],
    ])('sweeps, after a restart, %s', async (_case, watchingSince, swept) => {
      await resources.upsert(
        {
          cluster: 'dev',
          uid: 'gone',
          kind: 'Bucket',
          name: 'gone',
          tenant: 'payments',
          generation: 1,
          createdAt: T0 - 60 * MIN,
          createdViaPortal: false,
        },
        T0 - 1_000,
      );
      const settled: string[] = [];
      const sweeper = new ResourceSweeper({
        db,
        resources,
        attempts,
        snapshot: () => ({
          clusters: [{ name: 'dev', synced: true, connected: true }],
          resources: [{ cluster: 'dev', uid: 'kept' }],
          watchingSince,
        }),
        settle: async () => {
          settled.push('settled');
        },
        logger: mockServices.logger.mock(),
        now: () => T0 + 10_000,
      });
      await sweeper.run();
      expect(settled).toEqual(['settled']);
      const deleted: string[] = [];
      for (const uid of ['kept', 'gone', 'fresh']) {
        if ((await resources.get('dev', uid))?.deletedAt !== undefined) {
          deleted.push(uid);
        }
      }
      expect(deleted).toEqual(swept.length ? ['gone', ...swept] : []);
    });
  },
);
