import type { Knex } from 'knex';
import { dayNumber, ResourceCountStore } from './ResourceCountStore';
import {
  optionalNumber,
  optionalString,
  toBoolean,
  toNumber,
} from './dbValues';

export const RESOURCES_TABLE = 'platform_resources';

/** What the history keeps of one platform resource (times in epoch ms). */
export interface ResourceRecord {
  cluster: string;
  uid: string;
  kind: string;
  namespace?: string;
  name: string;
  tenant?: string;
  generation: number;
  createdAt: number;
  deletedAt?: number;
  createdViaPortal: boolean;
  requestedBy?: string;
  templateRef?: string;
}

type Row = Record<string, unknown>;

function toRecord(row: Row): ResourceRecord {
  return {
    cluster: String(row.cluster),
    uid: String(row.uid),
    kind: String(row.kind),
    namespace: optionalString(row.namespace),
    name: String(row.name),
    tenant: optionalString(row.tenant),
    generation: toNumber(row.generation),
    createdAt: toNumber(row.created_at),
    deletedAt: optionalNumber(row.deleted_at),
    createdViaPortal: toBoolean(row.created_via_portal),
    requestedBy: optionalString(row.requested_by),
    templateRef: optionalString(row.template_ref),
  };
}

/**
 * The `platform_resources` table: one row per object, the lifetimes adoption
 * is counted from. Upserts keep the first creation time; deletion is written
 * once. Keeps `platform_resource_counts` exact in the same transaction.
 */
export class ResourceStore {
  private readonly counts: ResourceCountStore;

  constructor(private readonly db: Knex) {
    this.counts = new ResourceCountStore(db);
  }

  withTransaction(tx: Knex.Transaction): ResourceStore {
    return new ResourceStore(tx);
  }

  /** Runs `fn` in the current transaction, or in a new one. */
  private async atomically<T>(
    fn: (store: ResourceStore) => Promise<T>,
  ): Promise<T> {
    if ('isTransaction' in this.db && this.db.isTransaction) {
      return fn(this);
    }
    return this.db.transaction(tx => fn(this.withTransaction(tx)));
  }

  /**
   * Creates or updates a resource (its creation time never changes) and keeps
   * the day counts exact: +1 created for a new row; a row whose tenant, kind
   * or portal flag changed moves its counts to the new group.
   */
  async upsert(
    resource: Omit<ResourceRecord, 'deletedAt'>,
    at: number,
  ): Promise<void> {
    await this.atomically(async store => {
      const { db, counts } = store;
      const inserted: unknown[] = await db(RESOURCES_TABLE)
        .insert({
          cluster: resource.cluster,
          uid: resource.uid,
          kind: resource.kind,
          namespace: resource.namespace ?? null,
          name: resource.name,
          tenant: resource.tenant ?? null,
          generation: resource.generation,
          created_at: resource.createdAt,
          created_via_portal: resource.createdViaPortal,
          requested_by: resource.requestedBy ?? null,
          template_ref: resource.templateRef ?? null,
          first_seen_at: at,
          updated_at: at,
        })
        .onConflict(['cluster', 'uid'])
        .ignore()
        .returning(['uid']);
      if (inserted.length > 0) {
        await counts.add(resource, dayNumber(resource.createdAt), 1, 0);
        return;
      }
      const current = await db(RESOURCES_TABLE)
        .where({ cluster: resource.cluster, uid: resource.uid })
        .forUpdate()
        .first();
      if (!current) {
        throw new Error(
          `Resource ${resource.cluster}/${resource.uid} vanished during its update`,
        );
      }
      const before = toRecord(current);
      await db(RESOURCES_TABLE)
        .where({ cluster: resource.cluster, uid: resource.uid })
        .update({
          kind: resource.kind,
          namespace: resource.namespace ?? null,
          name: resource.name,
          tenant: resource.tenant ?? null,
          generation: resource.generation,
          created_via_portal: resource.createdViaPortal,
          requested_by: resource.requestedBy ?? null,
          template_ref: resource.templateRef ?? null,
          updated_at: at,
        });
      if (
        (before.tenant ?? '') !== (resource.tenant ?? '') ||
        before.kind !== resource.kind ||
        before.createdViaPortal !== resource.createdViaPortal
      ) {
        const created = dayNumber(before.createdAt);
        await counts.add(before, created, -1, 0);
        await counts.add(resource, created, 1, 0);
        if (before.deletedAt !== undefined) {
          const deleted = dayNumber(before.deletedAt);
          await counts.add(before, deleted, 0, -1);
          await counts.add(resource, deleted, 0, 1);
        }
      }
    });
  }

  /**
   * Records the deletion once (never before the creation, whatever the clock
   * skew between cluster and backend), and counts it. Returns true when this
   * call wrote it.
   */
  async markDeleted(
    cluster: string,
    uid: string,
    at: number,
  ): Promise<boolean> {
    return this.atomically(async store => {
      const updated = await store
        .db(RESOURCES_TABLE)
        .where({ cluster, uid, deleted_at: null })
        .update({
          deleted_at: store.db.raw(
            'CASE WHEN ? > created_at THEN ? ELSE created_at END',
            [at, at],
          ),
          updated_at: at,
        });
      if (updated === 0) return false;
      const row = await store.get(cluster, uid);
      if (row?.deletedAt !== undefined) {
        await store.counts.add(row, dayNumber(row.deletedAt), 0, 1);
      }
      return true;
    });
  }

  async get(cluster: string, uid: string): Promise<ResourceRecord | undefined> {
    const row = await this.db(RESOURCES_TABLE).where({ cluster, uid }).first();
    return row ? toRecord(row) : undefined;
  }

  /** The stored rows of the given resources, by `cluster\u0000uid`. */
  async getMany(
    keys: ReadonlyArray<{ cluster: string; uid: string }>,
  ): Promise<Map<string, ResourceRecord>> {
    const found = new Map<string, ResourceRecord>();
    if (keys.length === 0) return found;
    const wanted = new Set(keys.map(k => `${k.cluster}\u0000${k.uid}`));
    const rows = await this.db(RESOURCES_TABLE).whereIn('uid', [
      ...new Set(keys.map(k => k.uid)),
    ]);
    for (const record of rows.map(toRecord)) {
      const key = `${record.cluster}\u0000${record.uid}`;
      if (wanted.has(key)) found.set(key, record);
    }
    return found;
  }

  /**
   * Uids of a cluster's resources not seen deleted whose row was last written
   * before `writtenBefore` (epoch ms).
   */
  async liveUids(cluster: string, writtenBefore: number): Promise<string[]> {
    const rows: Array<{ uid: string }> = await this.db(RESOURCES_TABLE)
      .select('uid')
      .where({ cluster, deleted_at: null })
      .where('updated_at', '<', writtenBefore);
    return rows.map(r => String(r.uid));
  }
}
