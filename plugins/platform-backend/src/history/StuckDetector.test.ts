import {
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { AttemptStore } from './AttemptStore';
import type { ProvisioningEvent } from './ProvisioningEvent';
import type { ProvisioningConfig } from './readProvisioningConfig';
import { StuckDetector } from './StuckDetector';
import {
  expectAttemptCountsExact,
  historyTestDatabases,
  migratedDatabase,
} from './__testUtils__/historyTestDatabases';
import { T0 } from './__testUtils__/resourceChanges';

jest.setTimeout(60_000);

const databases = historyTestDatabases();
const MIN = 60_000;
const config: ProvisioningConfig = {
  slo: { defaultMs: 10 * MIN, byKindMs: { PostgreSQLInstance: 15 * MIN } },
  manualMinutesSaved: { default: 120, byKind: {} },
  stuckCheckIntervalMs: MIN,
  notificationsEnabled: true,
};

describe.each(databases.eachSupportedId())(
  'StuckDetector on %s',
  databaseId => {
    let db: Knex;
    let attempts: AttemptStore;
    afterEach(() => expectAttemptCountsExact(db));

    beforeEach(async () => {
      db = await migratedDatabase(databases, databaseId as TestDatabaseId);
      attempts = new AttemptStore(db);
      const seed = (uid: string, kind: string, startedMinutesAgo: number) =>
        attempts.ensure(
          {
            cluster: 'dev',
            uid,
            generation: 1,
            kind,
            name: uid,
            tenant: 'payments',
            createdViaPortal: true,
            startedAt: T0 - startedMinutesAgo * MIN,
            estimated: false,
          },
          T0,
        );
      await seed('pg-old', 'PostgreSQLInstance', 16);
      await seed('pg-young', 'PostgreSQLInstance', 14);
      await seed('bucket-old', 'Bucket', 11);
      await seed('bucket-young', 'Bucket', 9);
      await seed('bucket-ready', 'Bucket', 30);
      await attempts.markReady(
        { cluster: 'dev', uid: 'bucket-ready', generation: 1 },
        T0,
        { estimated: false },
      );
    });

    function detector(now: number, events: ProvisioningEvent[]) {
      return new StuckDetector({
        attempts,
        config,
        logger: mockServices.logger.mock(),
        now: () => now,
        onEvent: e => {
          events.push(e);
        },
        pageSize: 1,
      });
    }

    it('marks open attempts past their kind’s SLO once, at start + SLO', async () => {
      const events: ProvisioningEvent[] = [];
      const marked = await detector(T0, events).run();
      expect(marked.map(e => e.attempt.uid).sort()).toEqual([
        'bucket-old',
        'pg-old',
      ]);
      expect(events).toHaveLength(2);
      expect(
        (await attempts.get({ cluster: 'dev', uid: 'pg-old', generation: 1 }))
          ?.stuckAt,
      ).toBe(T0 - MIN);
      expect(
        (
          await attempts.get({
            cluster: 'dev',
            uid: 'bucket-old',
            generation: 1,
          })
        )?.stuckAt,
      ).toBe(T0 - MIN);

      expect(await detector(T0, events).run()).toEqual([]);
      const later = await detector(T0 + 2 * MIN, events).run();
      expect(later.map(e => e.attempt.uid).sort()).toEqual([
        'bucket-young',
        'pg-young',
      ]);
    });

    it('reports each attempt once when two replicas check at the same time', async () => {
      const events: ProvisioningEvent[] = [];
      await Promise.all([
        detector(T0, events).run(),
        detector(T0, events).run(),
      ]);
      expect(events.map(e => e.attempt.uid).sort()).toEqual([
        'bucket-old',
        'pg-old',
      ]);
    });
  },
);
