import { KubeObject } from '../util/objects';

/** A watch event type. */
export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** An object as stored: immutable, with its JSON rendering (UTF-8) cached. */
export interface StoredObject {
  /** `namespace/name` (empty namespace for cluster-scoped objects). */
  readonly key: string;
  readonly object: KubeObject;
  /** `JSON.stringify(object)` as UTF-8, written to responses as is. */
  readonly bytes: Buffer;
  readonly rv: number;
}

/** One change to one object. */
export interface StoreEvent {
  readonly type: EventType;
  readonly rv: number;
  readonly storageKey: string;
  /** The new state; for DELETED the last state, carrying the deletion's resourceVersion. */
  readonly object: StoredObject;
  /** The state before the change (undefined for ADDED). */
  readonly previous?: StoredObject;
}

/** An open watch on a table. */
export interface WatchSubscriber {
  /** Whether an object passes the watch's namespace, label and field filters. */
  matches(obj: KubeObject): boolean;
  deliver(type: EventType, stored: StoredObject): void;
}

/** The key of an object in its table. */
export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/**
 * The objects of one resource (all versions share it), the sorted key order
 * lists page through, a bounded event history for watch resume and
 * consistent continue tokens, and the open watches.
 */
export class ResourceTable {
  readonly objects = new Map<string, StoredObject>();
  readonly watchers = new Set<WatchSubscriber>();
  private sorted: string[] | undefined;
  private events: StoreEvent[] = [];
  private head = 0;
  /** Events with rv greater than the floor are in the history. */
  private floorRv: number;
  /** Bumped by every change; equal counts mean equal contents. */
  private changeCount = 0;

  constructor(
    readonly storageKey: string,
    private readonly capacity: number,
    floor: number,
  ) {
    this.floorRv = floor;
  }

  get floor(): number {
    return this.floorRv;
  }

  /** A counter bumped by every change (and restore) of the table. */
  get changes(): number {
    return this.changeCount;
  }

  get(key: string): StoredObject | undefined {
    return this.objects.get(key);
  }

  /** Keys in the order the API lists them (sorted, as etcd keys are). */
  sortedKeys(): string[] {
    if (!this.sorted) {
      this.sorted = [...this.objects.keys()].sort();
    }
    return this.sorted;
  }

  /** Applies an event: updates the objects, appends to the history, fans out to watches. */
  apply(event: StoreEvent): void {
    this.changeCount++;
    const key = event.object.key;
    if (event.type === 'DELETED') {
      this.objects.delete(key);
      this.sorted = undefined;
    } else {
      if (!this.objects.has(key)) this.sorted = undefined;
      this.objects.set(key, event.object);
    }
    this.events.push(event);
    if (this.events.length - this.head > this.capacity) {
      this.floorRv = this.events[this.head].rv;
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.events.length) {
        this.events = this.events.slice(this.head);
        this.head = 0;
      }
    }
    for (const watcher of this.watchers) {
      fanOut(watcher, event);
    }
  }

  /** Loads an object without an event (restoring persisted state). */
  restore(stored: StoredObject): void {
    this.changeCount++;
    this.objects.set(stored.key, stored);
    this.sorted = undefined;
  }

  /** Events after `rv`, or undefined when the history no longer reaches back that far. */
  eventsAfter(rv: number): StoreEvent[] | undefined {
    if (rv < this.floorRv) {
      return undefined;
    }
    let lo = this.head;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo);
  }

  /**
   * The state of the table at `rv`, as overrides of the current state
   * (`null`: the key did not exist then), or undefined when too old.
   */
  overridesAt(rv: number): Map<string, StoredObject | null> | undefined {
    const later = this.eventsAfter(rv);
    if (!later) {
      return undefined;
    }
    const overrides = new Map<string, StoredObject | null>();
    for (const event of later) {
      const key = event.object.key;
      if (!overrides.has(key)) {
        overrides.set(key, event.previous ?? null);
      }
    }
    return overrides;
  }

  /** Drops history up to `rv`, as etcd compaction does. */
  compact(rv: number): void {
    while (this.head < this.events.length && this.events[this.head].rv <= rv) {
      this.head++;
    }
    this.floorRv = Math.max(this.floorRv, rv);
    this.events = this.events.slice(this.head);
    this.head = 0;
  }
}

function fanOut(watcher: WatchSubscriber, event: StoreEvent): void {
  const before = event.previous
    ? watcher.matches(event.previous.object)
    : false;
  if (event.type === 'DELETED') {
    if (before || watcher.matches(event.object.object)) {
      watcher.deliver('DELETED', event.object);
    }
    return;
  }
  const now = watcher.matches(event.object.object);
  if (now && before) {
    watcher.deliver('MODIFIED', event.object);
  } else if (now) {
    watcher.deliver('ADDED', event.object);
  } else if (before) {
    watcher.deliver('DELETED', event.object);
  }
}
