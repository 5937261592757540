import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { migrateHistoryDatabase } from '../migrateHistoryDatabase';
import { AttemptCountStore } from '../AttemptCountStore';
import { ResourceCountStore } from '../ResourceCountStore';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * SQLite always, plus every PostgreSQL whose connection string is set
 * (`BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING`; the repository's
 * test command starts a server and sets one), never a docker container.
 */
export function historyTestDatabases(): TestDatabases {
  const postgres = POSTGRES_IDS.filter(
    id =>
      process.env[
        `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`
      ],
  );
  return TestDatabases.create({ ids: [...postgres, 'SQLITE_3'] });
}

/** A fresh database of engine `id` with the history schema. */
export async function migratedDatabase(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<Knex> {
  const knex = await databases.init(id);
  await migrateHistoryDatabase({ getClient: async () => knex });
  return knex;
}

/**
 * Checks that the day rollup equals a recomputation from the resources: the
 * invariant the stores keep in every transaction.
 */
export async function expectResourceCountsExact(knex: Knex): Promise<void> {
  const counts = new ResourceCountStore(knex);
  const kept = await counts.all();
  await counts.rebuild();
  expect(kept).toEqual(await counts.all());
  await expectAttemptCountsExact(knex);
}

/**
 * Checks that the attempt day rollup equals a recomputation from the
 * attempts (durations compared as sets).
 */
export async function expectAttemptCountsExact(knex: Knex): Promise<void> {
  const counts = new AttemptCountStore(knex);
  const kept = await counts.all();
  await counts.rebuild();
  expect(kept).toEqual(await counts.all());
}
