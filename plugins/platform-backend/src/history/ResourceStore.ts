import type { Knex } from 'knex';
import { insertNewRows } from './insertNewRows';
import {
  dayNumber,
  ResourceCountStore,
  type ResourceCountChange,
} from './ResourceCountStore';
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

type NewResource = Omit<ResourceRecord, 'deletedAt'>;

/** The columns a write may change (never `created_at` or `deleted_at`). */
function updateRow(resource: NewResource, at: number): Row {
  return {
    kind: resource.kind,
    namespace: resource.namespace ?? null,
    name: resource.name,
    tenant: resource.tenant ?? null,
    generation: resource.generation,
    created_via_portal: resource.createdViaPortal,
    requested_by: resource.requestedBy ?? null,
    template_ref: resource.templateRef ?? null,
    updated_at: at,
  };
}

function insertRow(resource: NewResource, at: number): Row {
  return {
    cluster: resource.cluster,
    uid: resource.uid,
    created_at: resource.createdAt,
    first_seen_at: at,
    ...updateRow(resource, at),
  };
}

/** `cluster\u0000uid`: the key of a resource in maps. */
export const resourceKey = (cluster: string, uid: string) =>
  `${cluster}\u0000${uid}`;

/** The keys grouped by cluster, for index-friendly `cluster = ? AND uid IN (...)` reads. */
export function uidsByCluster(
  keys: ReadonlyArray<{ cluster: string; uid: string }>,
): Map<string, string[]> {
  const byCluster = new Map<string, Set<string>>();
  for (const { cluster, uid } of keys) {
    let uids = byCluster.get(cluster);
    if (!uids) {
      uids = new Set();
      byCluster.set(cluster, uids);
    }
    uids.add(uid);
  }
  return new Map([...byCluster].map(([cluster, uids]) => [cluster, [...uids]]));
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
  async upsert(resource: NewResource, at: number): Promise<void> {
    await this.atomically(async store => {
      const { db, counts } = store;
      const inserted: unknown[] = await db(RESOURCES_TABLE)
        .insert(insertRow(resource, at))
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
        .update(updateRow(resource, at));
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

  /** The stored rows of the given resources, by {@link resourceKey}. */
  async getMany(
    keys: ReadonlyArray<{ cluster: string; uid: string }>,
  ): Promise<Map<string, ResourceRecord>> {
    const found = new Map<string, ResourceRecord>();
    for (const [cluster, uids] of uidsByCluster(keys)) {
      for (let i = 0; i < uids.length; i += 500) {
        const rows = await this.db(RESOURCES_TABLE)
          .where({ cluster })
          .whereIn('uid', uids.slice(i, i + 500));
        for (const record of rows.map(toRecord)) {
          found.set(resourceKey(record.cluster, record.uid), record);
        }
      }
    }
    return found;
  }

  /**
   * Inserts the resources that have no row yet, several per statement (in
   * the given order: give every replica the same one), and counts them as
   * created. Rows that exist are left as they are. Returns the
   * {@link resourceKey}s of the rows this call inserted.
   */
  async insertNew(
    resources: readonly NewResource[],
    at: number,
  ): Promise<Set<string>> {
    return this.atomically(async store => {
      const inserted = new Set<string>();
      const counted: ResourceCountChange[] = [];
      const rows = await insertNewRows(
        store.db,
        RESOURCES_TABLE,
        resources.map(resource => insertRow(resource, at)),
        ['cluster', 'uid'],
        ['cluster', 'uid'],
      );
      for (const row of rows) {
        inserted.add(resourceKey(String(row.cluster), String(row.uid)));
      }
      for (const resource of resources) {
        if (inserted.has(resourceKey(resource.cluster, resource.uid))) {
          counted.push({
            ...resource,
            day: dayNumber(resource.createdAt),
            created: 1,
            deleted: 0,
          });
        }
      }
      await store.counts.addMany(counted);
      return inserted;
    });
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
