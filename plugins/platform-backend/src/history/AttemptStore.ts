import {
  attemptOutcome,
  type ProvisioningAttempt,
} from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import { AttemptCountStore } from './AttemptCountStore';
import {
  optionalIso,
  optionalNumber,
  optionalString,
  toBoolean,
  toNumber,
} from './dbValues';
import { insertNewRows } from './insertNewRows';
import { startIsKnown } from './planChange';
import { resourceKey, uidsByCluster } from './ResourceStore';

export const ATTEMPTS_TABLE = 'platform_provisioning_attempts';

/** Identifies one provisioning attempt. */
export interface AttemptKey {
  cluster: string;
  uid: string;
  generation: number;
}

/** What is known when an attempt starts. */
export interface AttemptSeed extends AttemptKey {
  kind: string;
  namespace?: string;
  name: string;
  tenant?: string;
  requestedBy?: string;
  createdViaPortal: boolean;
  /** Epoch ms. */
  startedAt: number;
  /** True when the start was reconstructed rather than observed. */
  estimated: boolean;
}

/** One stored attempt (times in epoch ms). */
export interface AttemptRecord extends AttemptSeed {
  id: number;
  readyAt?: number;
  durationMs?: number;
  failedAt?: number;
  failureReason?: string;
  failureMessage?: string;
  stuckAt?: number;
  supersededAt?: number;
  deletedAt?: number;
}

/** An attempt to insert as it stands (an attempt found already finished). */
export type NewAttempt = Omit<AttemptRecord, 'id'>;

/** `cluster\u0000uid\u0000generation`: the key of an attempt in sets. */
export const attemptKey = (key: AttemptKey) =>
  `${key.cluster}\u0000${key.uid}\u0000${key.generation}`;

/** Filter of {@link AttemptStore.list}. */
export interface AttemptListFilter {
  /** Only these tenants; undefined means every tenant. */
  tenants?: ReadonlyArray<string>;
  kind?: string;
  /** Started in [from, to), epoch ms. */
  from: number;
  to: number;
  limit: number;
  offset: number;
}

type Row = Record<string, unknown>;

/** An attempt that is still open: nothing final recorded. */
const OPEN = {
  ready_at: null,
  failed_at: null,
  superseded_at: null,
  deleted_at: null,
} as const;

const MAX_REASON = 253;
const MAX_MESSAGE = 4000;

/** The failure columns, cut to their sizes. */
function failureColumns(reason?: string, message?: string): Row {
  return {
    failure_reason: reason?.slice(0, MAX_REASON) ?? null,
    failure_message: message?.slice(0, MAX_MESSAGE) ?? null,
  };
}

/** The row a new attempt is inserted as. */
function insertRow(attempt: NewAttempt, recordedAt: number): Row {
  const row: Row = {
    cluster: attempt.cluster,
    uid: attempt.uid,
    generation: attempt.generation,
    kind: attempt.kind,
    namespace: attempt.namespace ?? null,
    name: attempt.name,
    tenant: attempt.tenant ?? null,
    requested_by: attempt.requestedBy ?? null,
    created_via_portal: attempt.createdViaPortal,
    started_at: attempt.startedAt,
    estimated: attempt.estimated,
    recorded_at: recordedAt,
  };
  const optional: Row = {
    ready_at: attempt.readyAt,
    duration_ms: attempt.durationMs,
    failed_at: attempt.failedAt,
    stuck_at: attempt.stuckAt,
    superseded_at: attempt.supersededAt,
    deleted_at: attempt.deletedAt,
  };
  for (const [column, value] of Object.entries(optional)) {
    row[column] = value ?? null;
  }
  return {
    ...row,
    ...failureColumns(attempt.failureReason, attempt.failureMessage),
  };
}

/** The row of a record, for merging written values into it. */
function fromRecord(record: AttemptRecord): Row {
  return {
    id: record.id,
    cluster: record.cluster,
    uid: record.uid,
    generation: record.generation,
    kind: record.kind,
    namespace: record.namespace ?? null,
    name: record.name,
    tenant: record.tenant ?? null,
    requested_by: record.requestedBy ?? null,
    created_via_portal: record.createdViaPortal,
    started_at: record.startedAt,
    estimated: record.estimated,
    ready_at: record.readyAt ?? null,
    duration_ms: record.durationMs ?? null,
    failed_at: record.failedAt ?? null,
    failure_reason: record.failureReason ?? null,
    failure_message: record.failureMessage ?? null,
    stuck_at: record.stuckAt ?? null,
    superseded_at: record.supersededAt ?? null,
    deleted_at: record.deletedAt ?? null,
  };
}

function toRecord(row: Row): AttemptRecord {
  return {
    id: toNumber(row.id),
    cluster: String(row.cluster),
    uid: String(row.uid),
    generation: toNumber(row.generation),
    kind: String(row.kind),
    namespace: optionalString(row.namespace),
    name: String(row.name),
    tenant: optionalString(row.tenant),
    requestedBy: optionalString(row.requested_by),
    createdViaPortal: toBoolean(row.created_via_portal),
    startedAt: toNumber(row.started_at),
    estimated: toBoolean(row.estimated),
    readyAt: optionalNumber(row.ready_at),
    durationMs: optionalNumber(row.duration_ms),
    failedAt: optionalNumber(row.failed_at),
    failureReason: optionalString(row.failure_reason),
    failureMessage: optionalString(row.failure_message),
    stuckAt: optionalNumber(row.stuck_at),
    supersededAt: optionalNumber(row.superseded_at),
    deletedAt: optionalNumber(row.deleted_at),
  };
}

/** The API shape of a stored attempt. */
export function toProvisioningAttempt(
  record: AttemptRecord,
): ProvisioningAttempt {
  const attempt: ProvisioningAttempt = {
    cluster: record.cluster,
    uid: record.uid,
    generation: record.generation,
    kind: record.kind,
    name: record.name,
    startedAt: new Date(record.startedAt).toISOString(),
    estimated: record.estimated,
    createdViaPortal: record.createdViaPortal,
    outcome: attemptOutcome(record),
  };
  const optional: Partial<ProvisioningAttempt> = {
    namespace: record.namespace,
    tenant: record.tenant,
    readyAt: optionalIso(record.readyAt),
    failedAt: optionalIso(record.failedAt),
    failureReason: record.failureReason,
    failureMessage: record.failureMessage,
    stuckAt: optionalIso(record.stuckAt),
    supersededAt: optionalIso(record.supersededAt),
    deletedAt: optionalIso(record.deletedAt),
    durationMs: record.durationMs,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      Object.assign(attempt, { [key]: value });
    }
  }
  return attempt;
}

/**
 * The `platform_provisioning_attempts` table. Every write is idempotent and
 * conditional, so two replicas writing the same changes end with one row per
 * (cluster, uid, generation), and each transition is won by exactly one
 * writer (the methods return whether this call won). Rows are locked before a
 * transition (PostgreSQL) and `platform_attempt_counts` is kept exact in the
 * same transaction.
 */
export class AttemptStore {
  private readonly counts: AttemptCountStore;

  constructor(private readonly db: Knex) {
    this.counts = new AttemptCountStore(db);
  }

  /** The same store inside a transaction. */
  withTransaction(tx: Knex.Transaction): AttemptStore {
    return new AttemptStore(tx);
  }

  /** Runs `fn` in the current transaction, or in a new one. */
  private async atomically<T>(
    fn: (store: AttemptStore) => Promise<T>,
  ): Promise<T> {
    if ('isTransaction' in this.db && this.db.isTransaction) {
      return fn(this);
    }
    return this.db.transaction(tx => fn(this.withTransaction(tx)));
  }

  private byKey(key: AttemptKey) {
    return this.db(ATTEMPTS_TABLE).where({
      cluster: key.cluster,
      uid: key.uid,
      generation: key.generation,
    });
  }

  /**
   * Applies `change` to every row `select` finds, locked first (PostgreSQL),
   * each with a write conditioned by `stillValid`, and moves each changed
   * attempt between the day counters. Returns the attempts this call changed.
   */
  private async transition(
    select: (store: AttemptStore) => Knex.QueryBuilder,
    stillValid: Record<string, null | boolean>,
    change: (record: AttemptRecord) => Row,
  ): Promise<AttemptRecord[]> {
    return this.atomically(async store => {
      const rows: Row[] = await select(store).forUpdate();
      const changed: AttemptRecord[] = [];
      for (const before of rows.map(toRecord)) {
        const values = change(before);
        const updated = await store
          .db(ATTEMPTS_TABLE)
          .where({ id: before.id, ...stillValid })
          .update(values);
        if (updated === 0) continue;
        const after = toRecord({ ...fromRecord(before), ...values });
        await store.counts.changed(before, after);
        changed.push(after);
      }
      return changed;
    });
  }

  /** Creates the attempt unless it exists; an existing start is never changed. */
  async ensure(seed: AttemptSeed, recordedAt: number): Promise<void> {
    await this.insertNew([seed], recordedAt);
  }

  /**
   * Inserts the attempts that do not exist yet, as they stand (open, or
   * already Ready or failed), several per statement in the given order (give
   * every replica the same one), and counts them. Existing attempts are left
   * as they are. Returns the {@link attemptKey}s of the rows this call
   * inserted.
   */
  async insertNew(
    attempts: readonly NewAttempt[],
    recordedAt: number,
  ): Promise<Set<string>> {
    if (attempts.length === 0) return new Set();
    return this.atomically(async store => {
      const inserted = new Set<string>();
      const rows = await insertNewRows(
        store.db,
        ATTEMPTS_TABLE,
        attempts.map(attempt => insertRow(attempt, recordedAt)),
        ['cluster', 'uid', 'generation'],
        ['cluster', 'uid', 'generation'],
      );
      for (const row of rows) {
        inserted.add(
          attemptKey({
            cluster: String(row.cluster),
            uid: String(row.uid),
            generation: toNumber(row.generation),
          }),
        );
      }
      await store.counts.addedMany(
        attempts.filter(attempt => inserted.has(attemptKey(attempt))),
      );
      return inserted;
    });
  }

  /**
   * Records the first Ready time (clamped to the start) unless one is
   * recorded. With `onlyObservedStart`, only an attempt whose start was
   * observed (not estimated) is updated. Returns true when this call wrote it.
   */
  async markReady(
    key: AttemptKey,
    at: number,
    options: { estimated: boolean; onlyObservedStart?: boolean },
  ): Promise<boolean> {
    const changed = await this.transition(
      store => {
        const query = store.byKey(key).whereNull('ready_at');
        return options.onlyObservedStart
          ? query.where('estimated', false)
          : query;
      },
      { ready_at: null },
      before => {
        const readyAt = Math.max(at, before.startedAt);
        const values: Row = {
          ready_at: readyAt,
          // No provisioning time when the start is only a stand-in.
          duration_ms: startIsKnown(before) ? readyAt - before.startedAt : null,
        };
        if (options.estimated) values.estimated = true;
        return values;
      },
    );
    return changed.length > 0;
  }

  /** Records the first failure of an attempt not (yet) Ready. Returns true when this call wrote it. */
  async markFailed(
    key: AttemptKey,
    at: number,
    reason?: string,
    message?: string,
  ): Promise<boolean> {
    const changed = await this.transition(
      store => store.byKey(key).whereNull('failed_at').whereNull('ready_at'),
      { failed_at: null, ready_at: null },
      before => ({
        // Never before the attempt's start.
        failed_at: Math.max(at, before.startedAt),
        ...failureColumns(reason, message),
      }),
    );
    return changed.length > 0;
  }

  /** Closes open attempts of older generations of the resource. */
  async supersedeOlder(key: AttemptKey, at: number): Promise<number> {
    const changed = await this.transition(
      store =>
        store
          .db(ATTEMPTS_TABLE)
          .where({ cluster: key.cluster, uid: key.uid, ...OPEN })
          .where('generation', '<', key.generation),
      OPEN,
      () => ({ superseded_at: at }),
    );
    return changed.length;
  }

  /** Marks open attempts of a resource as deleted before they finished. */
  async markOpenDeleted(
    cluster: string,
    uid: string,
    at: number,
  ): Promise<number> {
    const changed = await this.transition(
      store => store.db(ATTEMPTS_TABLE).where({ cluster, uid, ...OPEN }),
      OPEN,
      () => ({ deleted_at: at }),
    );
    return changed.length;
  }

  /** Marks one open attempt stuck. Returns true when this call wrote it. */
  async markStuck(id: number, at: number): Promise<boolean> {
    const changed = await this.transition(
      store => store.db(ATTEMPTS_TABLE).where({ id, ...OPEN, stuck_at: null }),
      { ...OPEN, stuck_at: null },
      () => ({ stuck_at: at }),
    );
    return changed.length > 0;
  }

  async get(key: AttemptKey): Promise<AttemptRecord | undefined> {
    const row = await this.byKey(key).first();
    return row ? toRecord(row) : undefined;
  }

  async getById(id: number): Promise<AttemptRecord | undefined> {
    const row = await this.db(ATTEMPTS_TABLE).where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  /** The newest attempt of each of the given resources that has one, by `resourceKey`. */
  async latestOf(
    resources: ReadonlyArray<{ cluster: string; uid: string }>,
  ): Promise<Map<string, AttemptRecord>> {
    const latest = new Map<string, AttemptRecord>();
    for (const [cluster, uids] of uidsByCluster(resources)) {
      for (let i = 0; i < uids.length; i += 500) {
        const rows = await this.db(ATTEMPTS_TABLE)
          .where({ cluster })
          .whereIn('uid', uids.slice(i, i + 500));
        for (const record of rows.map(toRecord)) {
          const key = resourceKey(record.cluster, record.uid);
          const current = latest.get(key);
          if (!current || current.generation < record.generation) {
            latest.set(key, record);
          }
        }
      }
    }
    return latest;
  }

  /** Attempts of one resource, newest generation first. */
  async forResource(cluster: string, uid: string): Promise<AttemptRecord[]> {
    const rows = await this.db(ATTEMPTS_TABLE)
      .where({ cluster, uid })
      .orderBy('generation', 'desc');
    return rows.map(toRecord);
  }

  /** Raw attempts started in a window, oldest first. */
  async list(filter: AttemptListFilter): Promise<AttemptRecord[]> {
    let query = this.db(ATTEMPTS_TABLE)
      .where('started_at', '>=', filter.from)
      .where('started_at', '<', filter.to);
    if (filter.tenants) {
      query = query.whereIn('tenant', [...filter.tenants]);
    }
    if (filter.kind) {
      query = query.where('kind', filter.kind);
    }
    const rows = await query
      .orderBy([
        { column: 'started_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(filter.limit)
      .offset(filter.offset);
    return rows.map(toRecord);
  }

  /**
   * Open attempts past their SLO at `now`, oldest first: kinds with their own
   * SLO, then every other kind against the default.
   */
  async findStuck(
    now: number,
    slo: { defaultMs: number; byKindMs: Record<string, number> },
    limit: number,
  ): Promise<AttemptRecord[]> {
    const kinds = Object.keys(slo.byKindMs);
    const rows = await this.db(ATTEMPTS_TABLE)
      .where({ ...OPEN, stuck_at: null })
      .andWhere(q => {
        for (const kind of kinds) {
          q.orWhere(k =>
            k
              .where('kind', kind)
              .where('started_at', '<=', now - slo.byKindMs[kind]),
          );
        }
        q.orWhere(k => {
          if (kinds.length > 0) k.whereNotIn('kind', kinds);
          k.where('started_at', '<=', now - slo.defaultMs);
        });
      })
      .orderBy('started_at', 'asc')
      .limit(limit);
    return rows.map(toRecord);
  }
}
