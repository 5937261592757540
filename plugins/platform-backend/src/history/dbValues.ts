/**
 * Conversions between database values and JavaScript: PostgreSQL returns
 * bigint and aggregates as strings, SQLite returns booleans as 0/1.
 */

/**
 * Rows per multi-row statement: SQLite caps a compound SELECT (knex's form of
 * a multi-row insert there) at 500 terms and a statement at 32,766 bound
 * values.
 */
export const ROWS_PER_STATEMENT = 200;

/** A bigint, count or sum column as a number; undefined for NULL. */
export function optionalNumber(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) {
    throw new TypeError(
      `Expected a number from the database, got ${String(value)}`,
    );
  }
  return n;
}

/** A bigint, count or sum column as a number; 0 for NULL. */
export function toNumber(value: unknown): number {
  return optionalNumber(value) ?? 0;
}

/** A boolean column (0/1 on SQLite). */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** Epoch ms to ISO 8601, undefined for NULL. */
export function optionalIso(value: unknown): string | undefined {
  const n = optionalNumber(value);
  return n === undefined ? undefined : new Date(n).toISOString();
}

/** A string column, undefined for NULL. */
export function optionalString(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/**
 * Parses a comma-separated list of non-negative integers (string_agg /
 * group_concat of durations) without splitting it into strings.
 */
export function parseNumberList(value: unknown): Float64Array {
  if (value === null || value === undefined || value === '') {
    return new Float64Array(0);
  }
  const text = String(value);
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 44) count++;
  }
  const numbers = new Float64Array(count);
  let n = 0;
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      numbers[n++] = current;
      current = 0;
    } else if (c >= 48 && c <= 57) {
      current = current * 10 + (c - 48);
    } else {
      throw new TypeError(
        `Expected a list of whole numbers from the database, got '${c}' in it`,
      );
    }
  }
  numbers[n] = current;
  return numbers;
}

/** Whether a knex client talks to PostgreSQL. */
export function isPostgres(client: {
  client: { config: { client?: unknown } };
}): boolean {
  return client.client.config.client === 'pg';
}

/** Orders strings by code unit, the same on every replica (not locale-aware). */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
