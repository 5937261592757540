import {
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import knexFactory, { type Knex } from 'knex';
import { AttemptStore } from '../history/AttemptStore';
import { HistoryRecorder } from '../history/HistoryRecorder';
import { ResourceStore } from '../history/ResourceStore';
import {
  expectResourceCountsExact,
  historyTestDatabases,
  migratedDatabase,
} from '../history/__testUtils__/historyTestDatabases';
import { change, T0 } from '../history/__testUtils__/resourceChanges';
import { createProvisioningNotifier } from './createProvisioningNotifier';

jest.setTimeout(60_000);

const databases = historyTestDatabases();

describe.each(databases.eachSupportedId())(
  'provisioning notifications on %s',
  databaseId => {
    let db: Knex;
    afterEach(() => expectResourceCountsExact(db));

    beforeEach(async () => {
      db = await migratedDatabase(databases, databaseId as TestDatabaseId);
    });

    it('are sent once per attempt and outcome with two replicas', async () => {
      const send = jest.fn<
        Promise<void>,
        Parameters<NotificationService['send']>
      >(async () => {});
      const other = databaseId.startsWith('POSTGRES')
        ? knexFactory(db.client.config)
        : db;
      try {
        const replicas = [db, other].map(knex => {
          const logger = mockServices.logger.mock();
          return new HistoryRecorder({
            db: knex,
            attempts: new AttemptStore(knex),
            resources: new ResourceStore(knex),
            logger,
            now: () => T0,
            onEvent: createProvisioningNotifier({
              notifications: { send },
              logger,
            }),
          });
        });
        const who = { requestedBy: 'user:default/ada' };
        for (const [i, replica] of replicas.entries()) {
          replica.listener(
            change({ ...who, uid: 'a', type: 'added', observed: 10 + i }),
          );
          replica.listener(
            change({ ...who, uid: 'b', type: 'added', observed: 10 + i }),
          );
          replica.listener(
            change({
              ...who,
              uid: 'a',
              state: 'Failed',
              reason: 'ReconcileError',
              observed: 900 + i,
            }),
          );
          replica.listener(
            change({ ...who, uid: 'a', state: 'Ready', observed: 5_000 + i }),
          );
          replica.listener(
            change({ ...who, uid: 'b', state: 'Ready', observed: 7_000 + i }),
          );
        }
        await Promise.all(replicas.map(r => r.flush()));
        const sent = send.mock.calls.map(([n]) => [
          n.payload.scope,
          n.payload.title,
        ]);
        expect(sent.sort()).toEqual([
          [
            'platform-attempt:dev/a/1',
            'PostgreSQLInstance tenant-payments/orders-db failed',
          ],
          [
            'platform-attempt:dev/a/1',
            'PostgreSQLInstance tenant-payments/orders-db is Ready',
          ],
          [
            'platform-attempt:dev/b/1',
            'PostgreSQLInstance tenant-payments/orders-db is Ready',
          ],
        ]);
      } finally {
        if (other !== db) await other.destroy();
      }
    });

    it('logs a failed send and keeps recording', async () => {
      const logger = mockServices.logger.mock();
      const recorder = new HistoryRecorder({
        db,
        attempts: new AttemptStore(db),
        resources: new ResourceStore(db),
        logger,
        now: () => T0,
        onEvent: createProvisioningNotifier({
          notifications: {
            send: async () => {
              throw new Error('notifications backend down');
            },
          },
          logger,
        }),
      });
      recorder.listener(change({ type: 'added', observed: 10 }));
      recorder.listener(change({ state: 'Ready', observed: 20 }));
      await recorder.flush();
      expect(logger.error).toHaveBeenCalledWith(
        'Could not send a provisioning notification',
        expect.objectContaining({
          type: 'ready',
          uid: 'uid-1',
          error: expect.stringContaining('down'),
        }),
      );
      expect(
        (
          await new AttemptStore(db).get({
            cluster: 'dev',
            uid: 'uid-1',
            generation: 1,
          })
        )?.readyAt,
      ).toBe(T0 + 20);
    });
  },
);
