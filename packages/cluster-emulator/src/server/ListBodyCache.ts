import { ResourceTable } from '../store/ResourceTable';

interface Entry {
  table: ResourceTable;
  changes: number;
  body: Buffer;
}

/**
 * Recently built large list bodies, reused while their table has not
 * changed: a relist of an unchanged collection (an informer restart, a 410
 * storm) is answered without copying every object again. Bounded in bytes,
 * least recently used first out.
 */
export class ListBodyCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly minBodyBytes: number,
  ) {}

  get(key: string, table: ResourceTable): Buffer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.table !== table || entry.changes !== table.changes) {
      this.bytes -= entry.body.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, table: ResourceTable, body: Buffer): void {
    if (body.length < this.minBodyBytes || body.length > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.bytes -= previous.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, { table, changes: table.changes, body });
    this.bytes += body.length;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.body.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
