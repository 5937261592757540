import { KubeObject } from '../util/objects';
import { KeyHistory } from './KeyHistory';
import { lowerBound, SortedKeys } from './SortedKeys';

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
 * What a list reads: the objects of a table as they are now, or as they were
 * at a past resourceVersion.
 */
export interface TableView {
  /** The resourceVersion the view shows. */
  readonly rv: number;
  /** Whether the view is the current state. */
  readonly current: boolean;
  /**
   * Keys from `from` on, in list order: every key the view may hold (and,
   * for a past view, keys created since, which `get` answers undefined).
   */
  keysFrom(from: string): () => string | undefined;
  get(key: string): StoredObject | undefined;
}

/**
 * The objects of one resource (all versions share it), the sorted key order
 * lists page through, a bounded event history (for watch resume, indexed by
 * key for consistent continue pages) and the open watches.
 */
export class ResourceTable {
  readonly objects = new Map<string, StoredObject>();
  readonly watchers = new Set<WatchSubscriber>();
  private readonly live = new SortedKeys(() => this.objects.keys());
  private readonly history = new KeyHistory();
  /** Keys deleted within the history (a past view may still show them). */
  private readonly deleted = new SortedKeys(() =>
    [...this.history.keys()].filter(k => !this.objects.has(k)),
  );
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
  sortedKeys(): readonly string[] {
    return this.live.get();
  }

  /** How many objects there are now with keys in `[from, to)` (`to` undefined: to the end). */
  countFrom(from: string, to?: string): number {
    return this.live.count(from, to);
  }

  /** Applies an event: updates the objects, appends to the history, fans out to watches. */
  apply(event: StoreEvent): void {
    this.changeCount++;
    const key = event.object.key;
    if (event.type === 'DELETED') {
      this.objects.delete(key);
      this.live.remove(key);
      this.deleted.insert(key);
    } else if (!this.objects.has(key)) {
      this.objects.set(key, event.object);
      this.live.insert(key);
      if (this.history.has(key)) this.deleted.remove(key);
    } else {
      this.objects.set(key, event.object);
    }
    this.events.push(event);
    this.history.add(event);
    if (this.events.length - this.head > this.capacity) {
      const oldest = this.events[this.head];
      this.floorRv = oldest.rv;
      this.head++;
      this.forget(oldest);
      if (this.head > 1024 && this.head * 2 > this.events.length) {
        this.events = this.events.slice(this.head);
        this.head = 0;
      }
    }
    for (const watcher of this.watchers) {
      fanOut(watcher, event);
    }
  }

  private forget(event: StoreEvent): void {
    const key = event.object.key;
    if (this.history.drop(event) && !this.objects.has(key)) {
      this.deleted.remove(key);
    }
  }

  /** Loads an object without an event (restoring persisted state). */
  restore(stored: StoredObject): void {
    this.changeCount++;
    this.objects.set(stored.key, stored);
    this.live.invalidate();
    this.deleted.invalidate();
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

  /** The current state, at the store's resourceVersion `rv`. */
  currentView(rv: number): TableView {
    const keys = this.live.get();
    return {
      rv,
      current: true,
      keysFrom: from => {
        let i = lowerBound(keys, from);
        return () => (i < keys.length ? keys[i++] : undefined);
      },
      get: key => this.objects.get(key),
    };
  }

  /**
   * The state at `rv`, or undefined when the history no longer reaches back
   * that far. Reading a key costs the same whatever the history holds: the
   * keys are the current ones merged with those deleted within the history,
   * and each key's past state is found among its own events.
   */
  viewAt(rv: number): TableView | undefined {
    if (rv < this.floorRv) {
      return undefined;
    }
    const live = this.live.get();
    const deleted = this.deleted.get();
    return {
      rv,
      current: false,
      keysFrom: from => {
        let i = lowerBound(live, from);
        let j = lowerBound(deleted, from);
        return () => {
          if (i < live.length && (j >= deleted.length || live[i] < deleted[j]))
            return live[i++];
          return j < deleted.length ? deleted[j++] : undefined;
        };
      },
      get: key => this.history.stateAt(key, rv, this.objects.get(key)),
    };
  }

  /** Drops history up to `rv`, as etcd compaction does. */
  compact(rv: number): void {
    while (this.head < this.events.length && this.events[this.head].rv <= rv) {
      this.history.drop(this.events[this.head]);
      this.head++;
    }
    this.deleted.invalidate();
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
