import { attemptOutcome } from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import type { AttemptRecord } from './AttemptStore';
import { isPostgres, toNumber } from './dbValues';

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
function counterOf(record: AttemptRecord): keyof CountDelta | undefined {
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

/**
 * The `platform_attempt_counts` table: attempts per tenant, kind and UTC day
 * of their start, counted by outcome, with the observed provisioning times.
 * {@link AttemptStore} keeps it exact in the transaction of every change: an
 * attempt's tenant, kind and start never change, so each change moves one
 * attempt between the counters of one cell.
 */
export class AttemptCountStore {
  constructor(private readonly db: Knex) {}

  /** Counts a new (open) attempt. */
  async added(record: AttemptRecord): Promise<void> {
    const delta = emptyDelta();
    delta.attempts = 1;
    const counter = counterOf(record);
    if (counter) delta[counter] += 1;
    await this.apply(record, delta, undefined);
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
      becameReady && !after.estimated && after.durationMs !== undefined
        ? after.durationMs
        : undefined;
    await this.apply(after, delta, duration);
  }

  private async apply(
    record: AttemptRecord,
    delta: CountDelta,
    duration: number | undefined,
  ): Promise<void> {
    if (duration === undefined && Object.values(delta).every(v => v === 0)) {
      return;
    }
    const table = ATTEMPT_COUNTS_TABLE;
    const add = (column: string, value: number) =>
      this.db.raw('?? + ?', [`${table}.${column}`, value]);
    const merge: Record<string, Knex.Raw> = {
      attempts: add('attempts', delta.attempts),
      ready: add('ready', delta.ready),
      failed: add('failed', delta.failed),
      in_flight: add('in_flight', delta.inFlight),
      stuck: add('stuck', delta.stuck),
      ready_via_portal: add('ready_via_portal', delta.readyViaPortal),
    };
    if (duration !== undefined) {
      merge.durations = this.db.raw(
        `CASE WHEN ?? = '' THEN ? ELSE ?? || ',' || ? END`,
        [
          `${table}.durations`,
          String(duration),
          `${table}.durations`,
          String(duration),
        ],
      );
    }
    await this.db(table)
      .insert({
        tenant: record.tenant ?? '',
        kind: record.kind,
        day: Math.floor(record.startedAt / DAY),
        attempts: delta.attempts,
        ready: delta.ready,
        failed: delta.failed,
        in_flight: delta.inFlight,
        stuck: delta.stuck,
        ready_via_portal: delta.readyViaPortal,
        durations: duration === undefined ? '' : String(duration),
      })
      .onConflict(['tenant', 'kind', 'day'])
      .merge(merge);
  }

  /**
   * Recomputes every count from `platform_provisioning_attempts` (the
   * migration's backfill; also a repair after bulk loads that bypass the store).
   */
  async rebuild(): Promise<void> {
    const durations = isPostgres(this.db)
      ? `COALESCE(string_agg(CASE WHEN duration_ms IS NOT NULL AND NOT estimated THEN CAST(duration_ms AS text) END, ','), '')`
      : `COALESCE(group_concat(CASE WHEN duration_ms IS NOT NULL AND NOT estimated THEN duration_ms END, ','), '')`;
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
