import { isJsonObject, JsonObject } from '../util/json';
import { KubeObject, metadataOf } from '../util/objects';
import {
  EventType,
  ResourceTable,
  StoredObject,
  StoreEvent,
} from './ResourceTable';

/** Receives every change after it is stored, asynchronously, in order. */
export type StoreListener = (event: StoreEvent) => void;

/**
 * One cluster's storage: a table per resource and one resourceVersion
 * counter bumped by every write, as etcd's revision is.
 */
export class ObjectStore {
  private rv: number;
  private readonly tables = new Map<string, ResourceTable>();
  private readonly listeners = new Set<StoreListener>();
  private queue: StoreEvent[] = [];
  private flushHandle: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    private readonly historySize: number,
    initialResourceVersion = 1,
  ) {
    this.rv = initialResourceVersion;
  }

  /** The latest resourceVersion (what a list reports). */
  get resourceVersion(): number {
    return this.rv;
  }

  table(storageKey: string): ResourceTable {
    let table = this.tables.get(storageKey);
    if (!table) {
      table = new ResourceTable(storageKey, this.historySize, this.rv);
      this.tables.set(storageKey, table);
    }
    return table;
  }

  hasTable(storageKey: string): boolean {
    return this.tables.has(storageKey);
  }

  allTables(): ResourceTable[] {
    return [...this.tables.values()];
  }

  /** Stores a new state of an object under a new resourceVersion. */
  put(
    storageKey: string,
    key: string,
    object: KubeObject,
    previous?: StoredObject,
  ): StoredObject {
    const type: EventType = previous ? 'MODIFIED' : 'ADDED';
    return this.record(storageKey, key, object, type, previous);
  }

  /** Removes an object; the DELETED event carries its last state under a new resourceVersion. */
  remove(storageKey: string, previous: StoredObject): StoredObject {
    // Only metadata.resourceVersion changes; stored objects are never mutated, so a shallow copy will do.
    const meta = previous.object.metadata;
    const last: JsonObject = {
      ...previous.object,
      metadata: isJsonObject(meta) ? { ...meta } : {},
    };
    return this.record(storageKey, previous.key, last, 'DELETED', previous);
  }

  private record(
    storageKey: string,
    key: string,
    object: KubeObject,
    type: EventType,
    previous: StoredObject | undefined,
  ): StoredObject {
    this.rv += 1;
    const rv = this.rv;
    metadataOf(object).resourceVersion = String(rv);
    const stored: StoredObject = {
      key,
      object,
      bytes: Buffer.from(JSON.stringify(object)),
      rv,
    };
    const event: StoreEvent = {
      type,
      rv,
      storageKey,
      object: stored,
      previous,
    };
    this.table(storageKey).apply(event);
    this.enqueue(event);
    return stored;
  }

  /** Loads a persisted object as is (no event, no new resourceVersion). */
  restore(storageKey: string, key: string, object: KubeObject): void {
    const rv = Number(metadataOf(object).resourceVersion ?? 0);
    this.table(storageKey).restore({
      key,
      object,
      bytes: Buffer.from(JSON.stringify(object)),
      rv,
    });
    if (rv > this.rv) this.rv = rv;
  }

  /** Sets the counter (restoring persisted state); never moves backwards. */
  advanceTo(rv: number): void {
    if (rv > this.rv) this.rv = rv;
    for (const table of this.tables.values()) table.compact(this.rv);
  }

  /** Drops a resource's table (its CRD was deleted). */
  dropTable(storageKey: string): void {
    this.tables.delete(storageKey);
  }

  /** Drops all history up to `rv` (default: now), as etcd compaction does. */
  compact(rv = this.rv): void {
    for (const table of this.tables.values()) table.compact(rv);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private enqueue(event: StoreEvent): void {
    if (this.closed || this.listeners.size === 0) {
      return;
    }
    this.queue.push(event);
    if (!this.flushHandle) {
      this.flushHandle = setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushHandle = undefined;
    const batch = this.queue;
    this.queue = [];
    for (const event of batch) {
      for (const listener of this.listeners) {
        listener(event);
      }
    }
  }

  /** Stops delivering to listeners. */
  close(): void {
    this.closed = true;
    if (this.flushHandle) clearImmediate(this.flushHandle);
    this.flushHandle = undefined;
    this.queue = [];
  }
}
