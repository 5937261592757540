import { attemptOutcome } from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import type { AttemptRecord, NewAttempt } from './AttemptStore';
import {
  compareStrings,
  isPostgres,
  ROWS_PER_STATEMENT,
  toNumber,
} from './dbValues';

export const ATTEMPT_COUNTS_TABLE = 'platform_attempt_counts';

const DAY = 86_400_000;

/** The counters of one cell, as deltas. */
interface CountDelta {
  attempts: number;
  ready: number;
  failed: number;
  inFlight: number;
  stuck: number;
  readyViaPortal: number;
}

/** One row of the rollup, for checks. */
export interface AttemptCountRow extends CountDelta {
  tenant?: string;
  kind: string;
  day: number;
  /** Sorted. */
  durations: number[];
}

const OPEN =
  'ready_at IS NULL AND failed_at IS NULL AND superseded_at IS NULL AND deleted_at IS NULL';

/** Which counter an outcome is counted in (superseded and deleted: none). */
function counterOf(record: NewAttempt): keyof CountDelta | undefined {
  switch (attemptOutcome(record)) {
    case 'ready':
      return 'ready';
    case 'failed':
      return 'failed';
    case 'in-progress':
      return 'inFlight';
    case 'stuck':
      return 'stuck';
    default:
      return undefined;
  }
}

function emptyDelta(): CountDelta {
  return {
    attempts: 0,
    ready: 0,
    failed: 0,
    inFlight: 0,
    stuck: 0,
    readyViaPortal: 0,
  };
}

/** One cell's change: its key and the deltas to add. */
interface CellChange {
  tenant?: string;
  kind: string;
  day: number;
  delta: CountDelta;
  /** Observed provisioning times to append. */
  durations: number[];
}

/** Whether a cell change changes anything. */
function isEmpty(cell: CellChange): boolean {
  return (
    cell.durations.length === 0 && Object.values(cell.delta).every(v => v === 0)
  );
}

/** How an attempt counts when it is added as it stands. */
function addition(record: NewAttempt): CellChange {
  const delta = emptyDelta();
  delta.attempts = 1;
  const counter = counterOf(record);
  if (counter) delta[counter] += 1;
  const ready = record.readyAt !== undefined;
  if (ready && record.createdViaPortal) delta.readyViaPortal += 1;
  return {
    tenant: record.tenant,
    kind: record.kind,
    day: Math.floor(record.startedAt / DAY),
    delta,
    durations:
      ready && record.durationMs !== undefined ? [record.durationMs] : [],
  };
}

/**
 * The `platform_attempt_counts` table: attempts per tenant, kind and UTC day
 * of their start, counted by outcome, with the provisioning times of its Ready attempts (estimated ones included).
 * {@link AttemptStore} keeps it exact in the transaction of every change: an
 * attempt's tenant, kind and start never change, so each change moves one
 * attempt between the counters of one cell.
 */
export class AttemptCountStore {
  constructor(private readonly db: Knex) {}

  /**
   * Counts new attempts, in the state they were inserted in, with one
   * statement per
   * {@link ROWS_PER_STATEMENT} cells (the deltas of a cell are summed first).
   */
  async addedMany(records: readonly NewAttempt[]): Promise<void> {
    const cells = new Map<string, CellChange>();
    for (const record of records) {
      const cell = addition(record);
      const key = `${cell.tenant ?? ''}\u0000${cell.kind}\u0000${cell.day}`;
      const current = cells.get(key);
      if (!current) {
        cells.set(key, cell);
        continue;
      }
      for (const name of Object.keys(cell.delta) as Array<keyof CountDelta>) {
        current.delta[name] += cell.delta[name];
      }
      current.durations.push(...cell.durations);
    }
    // One order on every replica: rows are locked in the same order.
    const sorted = [...cells.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([, cell]) => cell);
    for (let i = 0; i < sorted.length; i += ROWS_PER_STATEMENT) {
      await this.apply(sorted.slice(i, i + ROWS_PER_STATEMENT));
    }
  }

  /** Moves an attempt from the counters of its state before to those after. */
  async changed(before: AttemptRecord, after: AttemptRecord): Promise<void> {
    const delta = emptyDelta();
    const from = counterOf(before);
    const to = counterOf(after);
    if (from) delta[from] -= 1;
    if (to) delta[to] += 1;
    const becameReady =
      before.readyAt === undefined && after.readyAt !== undefined;
    if (becameReady && after.createdViaPortal) delta.readyViaPortal += 1;
    const duration =
      becameReady && after.durationMs !== undefined ? [after.durationMs] : [];
    await this.apply([
      {
        tenant: after.tenant,
        kind: after.kind,
        day: Math.floor(after.startedAt / DAY),
        delta,
        durations: duration,
      },
    ]);
  }

  /** Adds cell changes (distinct cells) in one upsert. */
  private async apply(changes: readonly CellChange[]): Promise<void> {
    const cells = changes.filter(cell => !isEmpty(cell));
    if (cells.length === 0) return;
    const table = ATTEMPT_COUNTS_TABLE;
    const add = (column: string) =>
      this.db.raw('?? + ??', [`${table}.${column}`, `excluded.${column}`]);
    await this.db(table)
      .insert(
        cells.map(cell => ({
          tenant: cell.tenant ?? '',
          kind: cell.kind,
          day: cell.day,
          attempts: cell.delta.attempts,
          ready: cell.delta.ready,
          failed: cell.delta.failed,
          in_flight: cell.delta.inFlight,
          stuck: cell.delta.stuck,
          ready_via_portal: cell.delta.readyViaPortal,
          durations: cell.durations.join(','),
        })),
      )
      .onConflict(['tenant', 'kind', 'day'])
      .merge({
        attempts: add('attempts'),
        ready: add('ready'),
        failed: add('failed'),
        in_flight: add('in_flight'),
        stuck: add('stuck'),
        ready_via_portal: add('ready_via_portal'),
        durations: this.db.raw(
          `CASE WHEN ?? = '' THEN ?? WHEN ?? = '' THEN ?? ELSE ?? || ',' || ?? END`,
          [
            `${table}.durations`,
            'excluded.durations',
            'excluded.durations',
            `${table}.durations`,
            `${table}.durations`,
            'excluded.durations',
          ],
        ),
      });
  }

  /**
   * Recomputes every count from `platform_provisioning_attempts` (the
   * migration's backfill; also a repair after bulk loads that bypass the store).
   */
  async rebuild(): Promise<void> {
    const durations = isPostgres(this.db)
      ? `COALESCE(string_agg(CASE WHEN duration_ms IS NOT NULL THEN CAST(duration_ms AS text) END, ','), '')`
      : `COALESCE(group_concat(CASE WHEN duration_ms IS NOT NULL THEN duration_ms END, ','), '')`;
    await this.db.transaction(async tx => {
      await tx(ATTEMPT_COUNTS_TABLE).delete();
      await tx.raw(`
        INSERT INTO ${ATTEMPT_COUNTS_TABLE}
          (tenant, kind, day, attempts, ready, failed, in_flight, stuck, ready_via_portal, durations)
        SELECT COALESCE(tenant, ''), kind, started_at / 86400000,
               COUNT(*),
               SUM(CASE WHEN ready_at IS NOT NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN ready_at IS NULL AND failed_at IS NOT NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN ${OPEN} AND stuck_at IS NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN ${OPEN} AND stuck_at IS NOT NULL THEN 1 ELSE 0 END),
               SUM(CASE WHEN ready_at IS NOT NULL AND created_via_portal THEN 1 ELSE 0 END),
               ${durations}
        FROM platform_provisioning_attempts
        GROUP BY COALESCE(tenant, ''), kind, started_at / 86400000`);
    });
  }

  /** Every row with a count, durations sorted, for checks. */
  async all(): Promise<AttemptCountRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db(
      ATTEMPT_COUNTS_TABLE,
    )
      .whereNot('attempts', 0)
      .orderBy(['tenant', 'kind', 'day']);
    return rows.map(row => ({
      tenant: row.tenant === '' ? undefined : String(row.tenant),
      kind: String(row.kind),
      day: toNumber(row.day),
      attempts: toNumber(row.attempts),
      ready: toNumber(row.ready),
      failed: toNumber(row.failed),
      inFlight: toNumber(row.in_flight),
      stuck: toNumber(row.stuck),
      readyViaPortal: toNumber(row.ready_via_portal),
      durations: String(row.durations ?? '')
        .split(',')
        .filter(Boolean)
        .map(Number)
        .sort((a, b) => a - b),
    }));
  }
}
