import {
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { AttemptStore, toProvisioningAttempt } from './AttemptStore';
import { HistoryRecorder } from './HistoryRecorder';
import type { ProvisioningEvent } from './ProvisioningEvent';
import { ResourceStore } from './ResourceStore';
import {
  expectResourceCountsExact,
  historyTestDatabases,
  migratedDatabase,
} from './__testUtils__/historyTestDatabases';
import { change, iso, T0 } from './__testUtils__/resourceChanges';

jest.setTimeout(60_000);

const databases = historyTestDatabases();

function recorderOn(
  db: Knex,
  options: { budgetMs?: number; startAfter?: () => Promise<void> } = {},
) {
  const events: ProvisioningEvent[] = [];
  const attempts = new AttemptStore(db);
  const recorder = new HistoryRecorder({
    db,
    attempts,
    resources: new ResourceStore(db),
    logger: mockServices.logger.mock(),
    now: () => T0 + 3_600_000,
    onEvent: event => {
      events.push(event);
    },
    retryDelayMs: 10,
    ...options,
  });
  return { recorder, events, attempts };
}

async function attemptsOf(db: Knex, uid = 'uid-1') {
  const records = await new AttemptStore(db).forResource('dev', uid);
  return records.map(toProvisioningAttempt);
}

describe.each(databases.eachSupportedId())(
  'HistoryRecorder on %s',
  databaseId => {
    let db: Knex;
    beforeEach(async () => {
      db = await migratedDatabase(databases, databaseId as TestDatabaseId);
    });
    // Every scenario leaves the day counts of resources exact.
    afterEach(() => expectResourceCountsExact(db));

    it('records start, first Ready and the provisioning time from the watch', async () => {
      const { recorder, events } = recorderOn(db);
      const portal = { requestedBy: 'user:default/ada', viaPortal: true };
      recorder.listener(
        change({ ...portal, type: 'added', created: 0, observed: 150 }),
      );
      recorder.listener(change({ ...portal, observed: 5_000 }));
      recorder.listener(
        change({ ...portal, state: 'Ready', observed: 42_150 }),
      );
      recorder.listener(
        change({ ...portal, state: 'Ready', observed: 50_000 }),
      );
      await recorder.flush();

      expect(await attemptsOf(db)).toEqual([
        {
          cluster: 'dev',
          uid: 'uid-1',
          generation: 1,
          namespace: 'tenant-payments',
          kind: 'PostgreSQLInstance',
          name: 'orders-db',
          tenant: 'payments',
          startedAt: iso(150),
          readyAt: iso(42_150),
          durationMs: 42_000,
          estimated: false,
          createdViaPortal: true,
          outcome: 'ready',
        },
      ]);
      expect(
        events.map(e => [e.type, e.attempt.requestedBy, e.attempt.durationMs]),
      ).toEqual([['ready', 'user:default/ada', 42_000]]);
      const resource = await new ResourceStore(db).get('dev', 'uid-1');
      expect(resource).toMatchObject({
        createdAt: T0,
        tenant: 'payments',
        createdViaPortal: true,
      });
    });

    it('takes creationTimestamp as the start of a generation 1 seen late by the watch', async () => {
      const { recorder } = recorderOn(db);
      recorder.listener(change({ type: 'added', created: 0, observed: 7_000 }));
      recorder.listener(change({ state: 'Ready', observed: 20_000 }));
      await recorder.flush();
      expect(await attemptsOf(db)).toEqual([
        expect.objectContaining({
          startedAt: iso(500), // creationTimestamp's second, its middle
          durationMs: 19_500,
          estimated: true,
        }),
      ]);
    });

    it('estimates the attempt of a resource first seen already Ready, without notifying', async () => {
      const { recorder, events } = recorderOn(db);
      recorder.listener(
        change({
          initial: true,
          state: 'Ready',
          created: -90_000,
          readySince: -30_000,
          observed: 0,
        }),
      );
      await recorder.flush();
      expect(await attemptsOf(db)).toEqual([
        expect.objectContaining({
          startedAt: iso(-89_500),
          readyAt: iso(-29_500),
          durationMs: 60_000,
          estimated: true,
          outcome: 'ready',
        }),
      ]);
      expect(events).toEqual([]);
    });

    it('survives a restart mid-attempt: the relist finds it Ready and the first replica-life start stays', async () => {
      const first = recorderOn(db);
      first.recorder.listener(
        change({ type: 'added', created: 0, observed: 100 }),
      );
      await first.recorder.flush();

      const second = recorderOn(db); // the restarted backend: empty memory, same database
      second.recorder.listener(
        change({
          initial: true,
          state: 'Ready',
          readySince: 61_000,
          observed: 90_000,
        }),
      );
      second.recorder.listener(change({ state: 'Ready', observed: 95_000 }));
      await second.recorder.flush();

      expect(await attemptsOf(db)).toEqual([
        expect.objectContaining({
          startedAt: iso(100),
          readyAt: iso(61_500),
          durationMs: 61_400,
          estimated: true,
          outcome: 'ready',
        }),
      ]);
      expect(second.events.map(e => e.type)).toEqual(['ready']);
    });

    it('writes nothing new when the initial list is replayed after a restart', async () => {
      const first = recorderOn(db);
      first.recorder.listener(change({ type: 'added', observed: 100 }));
      first.recorder.listener(change({ state: 'Ready', observed: 30_100 }));
      await first.recorder.flush();
      const before = await attemptsOf(db);

      for (let restart = 0; restart < 2; restart++) {
        const again = recorderOn(db);
        again.recorder.listener(
          change({
            initial: true,
            state: 'Ready',
            readySince: 30_000,
            observed: 500_000,
          }),
        );
        await again.recorder.flush();
        expect(again.events).toEqual([]);
      }
      expect(await attemptsOf(db)).toEqual(before);
    });

    it('ignores out-of-order duplicates: the first Ready is never overwritten', async () => {
      const { recorder, events } = recorderOn(db);
      recorder.listener(change({ type: 'added', observed: 0 }));
      recorder.listener(change({ state: 'Ready', observed: 10_000 }));
      recorder.listener(change({ state: 'InProgress', observed: 11_000 }));
      recorder.listener(
        change({ state: 'Failed', reason: 'ReconcileError', observed: 12_000 }),
      );
      recorder.listener(change({ state: 'Ready', observed: 13_000 }));
      recorder.listener(
        change({ type: 'added', state: 'InProgress', observed: 9_000 }),
      );
      await recorder.flush();
      expect(await attemptsOf(db)).toEqual([
        expect.objectContaining({
          readyAt: iso(10_000),
          durationMs: 10_000,
          outcome: 'ready',
        }),
      ]);
      expect((await attemptsOf(db))[0].failedAt).toBeUndefined();
      expect(events.map(e => e.type)).toEqual(['ready']);
    });

    it('ignores a stale older generation and supersedes an unfinished one', async () => {
      const { recorder } = recorderOn(db);
      recorder.listener(change({ type: 'added', generation: 1, observed: 0 }));
      recorder.listener(change({ generation: 2, observed: 20_000 }));
      recorder.listener(
        change({ generation: 1, state: 'Ready', observed: 21_000 }),
      );
      recorder.listener(
        change({ generation: 2, state: 'Ready', observed: 50_000 }),
      );
      await recorder.flush();
      expect(await attemptsOf(db)).toEqual([
        expect.objectContaining({
          generation: 2,
          startedAt: iso(20_000),
          durationMs: 30_000,
          outcome: 'ready',
        }),
        expect.objectContaining({
          generation: 1,
          supersededAt: iso(20_000),
          outcome: 'superseded',
        }),
      ]);
    });

    it('records the first failure with its reason, then a recovery to Ready', async () => {
      const { recorder, events } = recorderOn(db);
      recorder.listener(change({ type: 'added', observed: 0 }));
      recorder.listener(
        change({
          state: 'Failed',
          reason: 'ReconcileError',
          message: 'quota exceeded',
          observed: 8_000,
        }),
      );
      recorder.listener(
        change({ state: 'Failed', reason: 'Other', observed: 9_000 }),
      );
      await recorder.flush();
      expect(await attemptsOf(db)).toEqual([
        expect.objectContaining({
          failedAt: iso(8_000),
          failureReason: 'ReconcileError',
          failureMessage: 'quota exceeded',
          outcome: 'failed',
        }),
      ]);
      recorder.listener(change({ state: 'Ready', observed: 60_000 }));
      await recorder.flush();
      expect(await attemptsOf(db)).toEqual([
        expect.objectContaining({
          failedAt: iso(8_000),
          readyAt: iso(60_000),
          outcome: 'ready',
        }),
      ]);
      expect(events.map(e => e.type)).toEqual(['failed', 'ready']);
    });

    it('records deletion: open attempts end deleted, the resource lifetime ends', async () => {
      const { recorder } = recorderOn(db);
      recorder.listener(change({ type: 'added', observed: 0 }));
      recorder.listener(
        // deleting an object with finalizers bumps its generation
        change({
          state: 'Terminating',
          deleting: 4_000,
          observed: 4_200,
          generation: 2,
        }),
      );
      recorder.listener(
        change({
          type: 'deleted',
          state: 'Terminating',
          deleting: 4_000,
          observed: 9_000,
          generation: 2,
        }),
      );
      recorder.listener(change({ state: 'Ready', observed: 9_500 }));
      await recorder.flush();
      expect(await attemptsOf(db)).toEqual([
        expect.objectContaining({ deletedAt: iso(4_000), outcome: 'deleted' }),
      ]);
      expect(await new ResourceStore(db).get('dev', 'uid-1')).toMatchObject({
        deletedAt: T0 + 9_000,
      });
    });

    /** A first list: Ready (most), in progress and failed resources, never seen before. */
    const firstList = (count: number, observed: number) =>
      Array.from({ length: count }, (_, i) => {
        const uid = `found-${String(i).padStart(5, '0')}`;
        if (i % 10 === 0) {
          return change({ uid, initial: true, created: -600_000, observed });
        }
        if (i % 10 === 1) {
          return change({
            uid,
            initial: true,
            state: 'Failed',
            reason: 'ReconcileError',
            created: -600_000,
            observed,
          });
        }
        return change({
          uid,
          initial: true,
          state: 'Ready',
          created: -600_000,
          readySince: -540_000,
          observed,
        });
      });

    it('writes nothing until it may start, then every change queued meanwhile, in order', async () => {
      let release: () => void = () => {};
      const mayStart = new Promise<void>(resolve => {
        release = resolve;
      });
      const { recorder } = recorderOn(db, { startAfter: () => mayStart });
      recorder.listener(change({ observed: 0 }));
      recorder.listener(change({ state: 'Ready', observed: 60_000 }));
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(await attemptsOf(db)).toEqual([]);
      release();
      await recorder.flush();
      expect(await attemptsOf(db)).toMatchObject([
        { generation: 1, outcome: 'ready', durationMs: 60_000 },
      ]);
    });

    it('writes a large first list as it stands, yielding to the event loop, and nothing on a replay', async () => {
      const { recorder, events } = recorderOn(db, { budgetMs: 0 });
      let ticks = 0;
      let writing = true;
      const tick = () => {
        ticks += 1;
        if (writing) setImmediate(tick);
      };
      setImmediate(tick);
      const list = firstList(1_100, 0);
      list.forEach(recorder.listener);
      await recorder.flush();
      writing = false;
      // 3 batches of at least 3 statements each (resources, attempts, day
      // rollups), every one followed by a turn of the loop; SQLite's driver
      // is synchronous, so without the yields no tick would run at all.
      expect(ticks).toBeGreaterThanOrEqual(9);
      expect(events).toEqual([]);

      const rows = async () =>
        (
          await db('platform_provisioning_attempts')
            .select('uid', 'started_at', 'ready_at', 'failed_at', 'estimated')
            .orderBy('uid')
        ).map(row => ({
          uid: row.uid,
          started: Number(row.started_at),
          ready: row.ready_at === null ? null : Number(row.ready_at),
          failed: row.failed_at === null ? null : Number(row.failed_at),
          estimated: Boolean(row.estimated),
        }));
      const written = await rows();
      expect(written).toHaveLength(1_100);
      expect(written.slice(0, 3)).toEqual([
        {
          uid: 'found-00000',
          started: T0 - 599_500,
          ready: null,
          failed: null,
          estimated: true,
        },
        {
          uid: 'found-00001',
          started: T0 - 599_500,
          ready: null,
          failed: T0,
          estimated: true,
        },
        {
          uid: 'found-00002',
          started: T0 - 599_500,
          ready: T0 - 539_500,
          failed: null,
          estimated: true,
        },
      ]);
      const resources = await db('platform_resources').count({ n: '*' });
      expect(Number(resources[0].n)).toBe(1_100);

      const again = recorderOn(db);
      firstList(1_100, 90_000).forEach(again.recorder.listener);
      await again.recorder.flush();
      expect(await rows()).toEqual(written);
      expect(again.events).toEqual([]);
    });

    it('two recorders given the same first list write each resource and attempt once', async () => {
      const other = databaseId.startsWith('POSTGRES')
        ? knexFactory(db.client.config)
        : db;
      try {
        const a = recorderOn(db);
        const b = recorderOn(other);
        const list = firstList(700, 0);
        list.forEach(a.recorder.listener);
        [...list].reverse().forEach(b.recorder.listener);
        await Promise.all([a.recorder.flush(), b.recorder.flush()]);
        const count = async (table: string) =>
          Number((await db(table).count({ n: '*' }))[0].n);
        expect(await count('platform_provisioning_attempts')).toBe(700);
        expect(await count('platform_resources')).toBe(700);
        expect(a.events.length + b.events.length).toBe(0);
      } finally {
        if (other !== db) await other.destroy();
      }
    });

    it('two recorders on one database record one attempt and notify once', async () => {
      const other = databaseId.startsWith('POSTGRES')
        ? knexFactory(db.client.config)
        : db;
      try {
        const a = recorderOn(db);
        const b = recorderOn(other);
        const uids = Array.from({ length: 40 }, (_, i) => `uid-${i}`);
        for (const uid of uids) {
          a.recorder.listener(change({ uid, type: 'added', observed: 100 }));
          b.recorder.listener(change({ uid, type: 'added', observed: 130 }));
        }
        for (const uid of [...uids].reverse()) {
          b.recorder.listener(
            change({ uid, state: 'Ready', observed: 30_130 }),
          );
          a.recorder.listener(
            change({ uid, state: 'Ready', observed: 30_100 }),
          );
        }
        await Promise.all([a.recorder.flush(), b.recorder.flush()]);

        const rows = await db('platform_provisioning_attempts').count({
          n: '*',
        });
        expect(Number(rows[0].n)).toBe(40);
        expect(a.events.length + b.events.length).toBe(40);
        for (const uid of uids) {
          const [attempt] = await attemptsOf(db, uid);
          expect([iso(100), iso(130)]).toContain(attempt.startedAt);
          expect([iso(30_100), iso(30_130)]).toContain(attempt.readyAt);
          expect(attempt.durationMs).toBe(
            Date.parse(attempt.readyAt!) - Date.parse(attempt.startedAt),
          );
        }
      } finally {
        if (other !== db) await other.destroy();
      }
    });
  },
);
