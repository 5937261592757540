import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@fractal/backstage-plugin-platform-backend',
  'migrations',
);

/**
 * Gets the plugin's database client and brings its schema up to date (unless
 * migrations are switched off for a read-only database). Safe to run from
 * several replicas at once: knex takes a migration lock.
 */
export async function migrateHistoryDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
