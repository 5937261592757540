import type { Knex } from 'knex';
import { ROWS_PER_STATEMENT } from './dbValues';

type Row = Record<string, unknown>;

/**
 * Inserts rows that do not exist yet (`ON CONFLICT (...) DO NOTHING`), many
 * per statement, and returns the `returning` columns of the rows inserted.
 * Written as `INSERT ... VALUES (...), (...)`, which PostgreSQL and SQLite
 * both take: knex writes a multi-row insert on SQLite as a chain of
 * `SELECT ... UNION ALL`, several times longer to send and to prepare. Every
 * row must have the same columns; rows are written in the given order (give
 * every replica the same one, so they lock in the same order).
 */
export async function insertNewRows(
  db: Knex,
  table: string,
  rows: readonly Row[],
  conflict: readonly string[],
  returning: readonly string[],
): Promise<Row[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const identifiers = (names: readonly string[]) =>
    names.map(() => '??').join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const inserted: Row[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const values: Knex.Value[] = [];
    for (const row of chunk) {
      for (const column of columns) {
        values.push((row[column] ?? null) as Knex.Value);
      }
    }
    const result: Row[] | { rows: Row[] } = await db.raw(
      `INSERT INTO ?? (${identifiers(columns)}) VALUES ${chunk
        .map(() => tuple)
        .join(', ')} ON CONFLICT (${identifiers(
        conflict,
      )}) DO NOTHING RETURNING ${identifiers(returning)}`,
      [table, ...columns, ...values, ...conflict, ...returning],
    );
    inserted.push(...(Array.isArray(result) ? result : result.rows));
  }
  return inserted;
}
