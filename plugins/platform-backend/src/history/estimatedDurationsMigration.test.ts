import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { TestDatabaseId } from '@backstage/backend-test-utils';
import { historyTestDatabases } from './__testUtils__/historyTestDatabases';

const directory = resolvePackagePath(
  '@fractal/backstage-plugin-platform-backend',
  'migrations',
);
const DAY = 86_400_000;
const T0 = 20_000 * DAY + 3_600_000;

const databases = historyTestDatabases();

function attempt(
  uid: string,
  durationMs: number,
  estimated: boolean,
  generation = 1,
) {
  return {
    cluster: 'dev',
    uid,
    generation,
    kind: 'Bucket',
    namespace: 'tenant-payments',
    name: uid,
    tenant: 'payments',
    created_via_portal: false,
    started_at: T0,
    estimated,
    recorded_at: T0,
    ready_at: T0 + durationMs,
    duration_ms: durationMs,
  };
}

describe.each(databases.eachSupportedId())(
  'migration 20251124040000_estimated_durations on %s',
  databaseId => {
    it('adds the provisioning times of estimated attempts to the day rollup, clears made-up ones, and down restores both', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await knex.migrate.up({
        directory,
        name: '20251124000000_provisioning_history.js',
      });
      for (const name of [
        '20251124010000_resource_counts.js',
        '20251124020000_attempt_day_indexes.js',
      ]) {
        await knex.migrate.up({ directory, name });
      }
      await knex('platform_provisioning_attempts').insert([
        attempt('observed', 60_000, false),
        attempt('estimated', 90_000, true),
        // A later generation found Ready by a list: its start was a stand-in.
        attempt('unknown-start', 5, true, 3),
      ]);
      // The rollup as the earlier code kept it: observed times only.
      await knex.migrate.up({
        directory,
        name: '20251124030000_attempt_counts.js',
      });
      const durations = async () =>
        String(
          (await knex('platform_attempt_counts').first('durations'))?.durations,
        )
          .split(',')
          .map(Number)
          .sort((a, b) => a - b);
      expect(await durations()).toEqual([60_000]);
      const unknownStart = async () =>
        (
          await knex('platform_provisioning_attempts')
            .where('uid', 'unknown-start')
            .first('duration_ms')
        )?.duration_ms;

      await knex.migrate.up({
        directory,
        name: '20251124040000_estimated_durations.js',
      });
      expect(await durations()).toEqual([60_000, 90_000]);
      expect(await unknownStart()).toBeNull();

      await knex.migrate.down({
        directory,
        name: '20251124040000_estimated_durations.js',
      });
      expect(await durations()).toEqual([60_000]);
      expect(Number(await unknownStart())).toBe(5);
    });
  },
);
