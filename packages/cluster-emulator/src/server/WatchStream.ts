import { ServerResponse } from 'node:http';
import { JsonObject } from '../util/json';
import { KubeObject } from '../util/objects';
import { statusBody } from '../api/StatusError';
import {
  EventType,
  ResourceTable,
  StoredObject,
  StoreEvent,
  WatchSubscriber,
} from '../store/ResourceTable';
import { baseHeaders } from './http';

/** How a watch stream behaves. */
export interface WatchStreamOptions {
  /** Renders an object for the stream (the cached JSON, another version, or a Table). */
  render: (stored: StoredObject) => Buffer;
  /** Whether event lines of objects stored in the watched version can be shared between watches. */
  shareLines: boolean;
  matches: (obj: KubeObject) => boolean;
  /** apiVersion and kind for BOOKMARK objects. */
  apiVersion: string;
  kind: string;
  timeoutMs: number;
  bookmarkIntervalMs?: number;
  slowStreamMs: () => number;
  currentResourceVersion: () => number;
  /** Largest backlog a slow client may build before the stream is closed (bytes). */
  maxBufferedBytes: number;
  onClose: (stream: WatchStream) => void;
}

const LINE_PREFIX: Record<EventType, Buffer> = {
  ADDED: Buffer.from('{"type":"ADDED","object":'),
  MODIFIED: Buffer.from('{"type":"MODIFIED","object":'),
  DELETED: Buffer.from('{"type":"DELETED","object":'),
};
const LINE_SUFFIX = Buffer.from('}\n');

/** Event lines already rendered, shared by every watch that sends the same object and type. */
const sharedLines = new WeakMap<
  StoredObject,
  Partial<Record<EventType, Buffer>>
>();

/**
 * One open watch: newline-delimited JSON events written as they happen,
 * headers sent at once, closed on timeout, on request or when the client goes.
 */
export class WatchStream implements WatchSubscriber {
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private queue: Array<string | Buffer> = [];
  private draining = false;
  private table: ResourceTable | undefined;
  private drainTimer: NodeJS.Timeout | undefined;
  private ending = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: WatchStreamOptions,
  ) {
    res.writeHead(200, { ...baseHeaders(), 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    res.on('close', () => this.close());
    this.timers.push(setTimeout(() => this.close(), options.timeoutMs));
    if (options.bookmarkIntervalMs) {
      const interval = setInterval(
        () => this.bookmark(),
        options.bookmarkIntervalMs,
      );
      this.timers.push(interval);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  matches(obj: KubeObject): boolean {
    return this.options.matches(obj);
  }

  deliver(type: EventType, stored: StoredObject): void {
    const share =
      this.options.shareLines &&
      stored.object.apiVersion === this.options.apiVersion;
    let lines = share ? sharedLines.get(stored) : undefined;
    let line = lines?.[type];
    if (!line) {
      line = Buffer.concat([
        LINE_PREFIX[type],
        this.options.render(stored),
        LINE_SUFFIX,
      ]);
      if (share) {
        if (!lines) {
          lines = {};
          sharedLines.set(stored, lines);
        }
        lines[type] = line;
      }
    }
    this.writeLine(line);
  }

  /** Replays history events through the same filter transitions as live ones. */
  replay(events: StoreEvent[]): void {
    for (const event of events) {
      const before = event.previous
        ? this.matches(event.previous.object)
        : false;
      if (event.type === 'DELETED') {
        if (before || this.matches(event.object.object))
          this.deliver('DELETED', event.object);
        continue;
      }
      const now = this.matches(event.object.object);
      if (now && before) this.deliver('MODIFIED', event.object);
      else if (now) this.deliver('ADDED', event.object);
      else if (before) this.deliver('DELETED', event.object);
    }
  }

  /** Starts receiving live events from a table. */
  /** The storage key of the watched resource, once attached. */
  get storageKey(): string | undefined {
    return this.table?.storageKey;
  }

  attach(table: ResourceTable): void {
    if (this.closed) return;
    this.table = table;
    table.watchers.add(this);
  }

  /** Sends a BOOKMARK with the current resourceVersion. */
  bookmark(annotations?: Record<string, string>): void {
    const metadata: JsonObject = {
      resourceVersion: String(this.options.currentResourceVersion()),
    };
    if (annotations) metadata.annotations = annotations;
    const object = {
      kind: this.options.kind,
      apiVersion: this.options.apiVersion,
      metadata,
    };
    this.writeLine(`{"type":"BOOKMARK","object":${JSON.stringify(object)}}\n`);
  }

  /** Sends an ERROR 410 Expired event and closes the stream. */
  expire(message: string): void {
    const status = statusBody(410, 'Expired', message);
    this.writeLine(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
    this.finish();
  }

  private writeLine(line: string | Buffer): void {
    if (this.closed) return;
    const slow = this.options.slowStreamMs();
    if (slow > 0 || this.draining) {
      this.queue.push(line);
      if (!this.draining) this.drain();
      return;
    }
    this.res.write(line);
    if (this.res.writableLength > this.options.maxBufferedBytes) {
      this.close();
    }
  }

  private drain(): void {
    this.draining = true;
    const step = () => {
      if (this.closed) return;
      const line = this.queue.shift();
      if (line === undefined) {
        this.draining = false;
        if (this.ending) this.close();
        return;
      }
      this.res.write(line);
      this.drainTimer = setTimeout(step, this.options.slowStreamMs());
    };
    this.drainTimer = setTimeout(step, this.options.slowStreamMs());
  }

  /** Closes after queued events are written. */
  finish(): void {
    if (this.draining) {
      this.ending = true;
      return;
    }
    this.close();
  }

  /** Ends the stream now. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.table?.watchers.delete(this);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.length = 0;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.queue = [];
    if (!this.res.writableEnded) this.res.end();
    this.options.onClose(this);
  }

  /** Destroys the connection (outages). */
  destroy(): void {
    this.close();
    this.res.socket?.destroy();
  }
}
