import type { Knex } from 'knex';
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
 * once.
 */
export class ResourceStore {
  constructor(private readonly db: Knex) {}

  withTransaction(tx: Knex.Transaction): ResourceStore {
    return new ResourceStore(tx);
  }

  async upsert(
    resource: Omit<ResourceRecord, 'deletedAt'>,
    at: number,
  ): Promise<void> {
    await this.db(RESOURCES_TABLE)
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
      .merge([
        'kind',
        'namespace',
        'name',
        'tenant',
        'generation',
        'created_via_portal',
        'requested_by',
        'template_ref',
        'updated_at',
      ]);
  }

  /**
   * Records the deletion once (never before the creation, whatever the clock
   * skew between cluster and backend). Returns true when this call wrote it.
   */
  async markDeleted(
    cluster: string,
    uid: string,
    at: number,
  ): Promise<boolean> {
    const updated = await this.db(RESOURCES_TABLE)
      .where({ cluster, uid, deleted_at: null })
      .update({
        deleted_at: this.db.raw(
          'CASE WHEN ? > created_at THEN ? ELSE created_at END',
          [at, at],
        ),
        updated_at: at,
      });
    return updated > 0;
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

  /** Resources not yet seen deleted, of a cluster and some kinds. */
  async listLive(
    cluster: string,
    kinds: ReadonlyArray<string>,
  ): Promise<ResourceRecord[]> {
    const rows = await this.db(RESOURCES_TABLE)
      .where({ cluster, deleted_at: null })
      .whereIn('kind', [...kinds]);
    return rows.map(toRecord);
  }
}
