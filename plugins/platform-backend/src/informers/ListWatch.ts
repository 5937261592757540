import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { Backoff, type BackoffOptions } from './Backoff';
import { type Clock, type TimerHandle, sleep, systemClock } from './Clock';
import { isGoneError, kubeApiErrorFromStatus } from './KubeApiError';
import type { KubeTransport, KubeWatchEvent } from './KubeTransport';

/** What a ListWatch caches: anything with a uid and a resourceVersion. */
export interface WatchedObject {
  metadata: { uid: string; resourceVersion?: string };
}

/** One change delivered by a {@link ListWatch}. `initial` marks changes found by a (re)list. */
export type ListWatchChange<T> =
  | { type: 'added'; object: T; initial: boolean }
  | { type: 'modified'; object: T; previous: T; initial: boolean }
  | { type: 'deleted'; object: T; initial: boolean };

/** The state of a {@link ListWatch}, for health reporting. */
export interface ListWatchState {
  phase: 'idle' | 'listing' | 'watching' | 'backoff' | 'stopped';
  /** True once a list has completed; stays true across reconnects. */
  synced: boolean;
  /** True while a watch is open and has not failed since. */
  connected: boolean;
  /** True from an error until the next successful list or watch. */
  failing: boolean;
  lastEventAt?: number;
  lastError?: { message: string; at: number; statusCode?: number };
}

/** Options of {@link ListWatch}. */
export interface ListWatchOptions<T extends WatchedObject> {
  /** For logs, e.g. `dev:platform.fractal.dev/buckets`. */
  name: string;
  /** Collection path, e.g. `/apis/platform.fractal.dev/v1alpha1/buckets`. */
  path: string;
  transport: KubeTransport;
  labelSelector?: string;
  fieldSelector?: string;
  /** LIST page size. */
  pageSize: number;
  /** A full relist every period heals anything a watch missed. */
  resyncPeriodMs: number;
  /** Server-side watch timeout; a client watchdog closes silent watches 30 s after it. */
  watchTimeoutSeconds: number;
  /** Reconnect backoff after errors, and after watches that end at once without events. */
  backoff: BackoffOptions;
  clock?: Clock;
  /** Parses and slims a raw object; undefined drops it. */
  transform: (raw: unknown) => T | undefined;
  /** Receives every change in order. Errors are logged, never stop the informer. */
  onChange: (change: ListWatchChange<T>) => void;
  /** Called after every completed list (initial, after 410, resync). */
  onSynced?: () => void;
  /** Called on every state change. */
  onState?: (state: ListWatchState) => void;
  logger: LoggerService;
}

type WatchOutcome = 'closed' | 'resync' | 'stopped';

/** A watch that ends sooner than this without any event is churn, not a healthy close. */
const CHURN_WINDOW_MS = 1000;
const WATCHDOG_GRACE_MS = 30_000;

/**
 * An informer for one collection: list (paged), then watch from the list's
 * resourceVersion. 410 Gone -> relist; any other error -> reconnect (watch
 * resumes from the last resourceVersion seen) after a capped, jittered,
 * exponential backoff; watches that end at once without events back off too
 * (so a 410 storm or a flapping server does not spin); a periodic relist
 * heals missed events; a watchdog closes silent watches. resourceVersions are
 * only compared for equality.
 */
export class ListWatch<T extends WatchedObject> {
  private readonly store = new Map<string, T>();
  private readonly clock: Clock;
  private readonly errorBackoff: Backoff;
  private readonly churnBackoff: Backoff;
  private readonly abort = new AbortController();
  private resourceVersion: string | undefined;
  private state: ListWatchState = {
    phase: 'idle',
    synced: false,
    connected: false,
    failing: false,
  };
  private loop: Promise<void> | undefined;
  private closeWatch: ((outcome: WatchOutcome) => void) | undefined;
  private nextResyncAt = 0;
  private watchEvents = 0;
  private churnCount = 0;
  private watchOpenedAt: number | undefined;

  constructor(private readonly options: ListWatchOptions<T>) {
    this.clock = options.clock ?? systemClock;
    this.errorBackoff = new Backoff(options.backoff);
    this.churnBackoff = new Backoff(options.backoff);
  }

  /** Starts listing and watching in the background. */
  start(): void {
    if (!this.loop) {
      this.loop = this.run();
    }
  }

  /** Stops the informer and waits for its loop to end. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.closeWatch?.('stopped');
    await this.loop;
    this.setState({ phase: 'stopped', connected: false });
  }

  /** The cached objects. */
  values(): IterableIterator<T> {
    return this.store.values();
  }

  get(uid: string): T | undefined {
    return this.store.get(uid);
  }

  get size(): number {
    return this.store.size;
  }

  getState(): ListWatchState {
    return this.state;
  }

  /** Forces a relist now (e.g. after a config change); no-op when not watching. */
  requestResync(): void {
    this.closeWatch?.('resync');
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private setState(patch: Partial<ListWatchState>) {
    this.state = { ...this.state, ...patch };
    try {
      this.options.onState?.(this.state);
    } catch (error) {
      this.options.logger.error(
        `State handler of ${this.options.name} failed: ${stringifyError(
          error,
        )}`,
      );
    }
  }

  private emit(change: ListWatchChange<T>) {
    try {
      this.options.onChange(change);
    } catch (error) {
      this.options.logger.error(
        `Change handler of ${this.options.name} failed for ${
          change.object.metadata.uid
        }: ${stringifyError(error)}`,
      );
    }
  }

  private async run(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      this.watchEvents = 0;
      this.watchOpenedAt = undefined;
      try {
        if (needList) {
          this.setState({ phase: 'listing' });
          await this.listAll();
          needList = false;
          this.errorBackoff.reset();
        }
        const outcome = await this.watchOnce();
        if (outcome === 'stopped') break;
        this.setState({ connected: false });
        if (outcome === 'resync') {
          needList = true;
          continue;
        }
      } catch (error) {
        if (this.stopped) break;
        this.setState({
          connected: false,
          failing: true,
          lastError: {
            message: stringifyError(error),
            at: this.clock.now(),
            statusCode: (error as { statusCode?: number }).statusCode,
          },
        });
        if (!isGoneError(error)) {
          if (this.watchEvents > 0) this.errorBackoff.reset();
          const delay = this.errorBackoff.next();
          this.options.logger.warn(
            `${this.options.name}: ${stringifyError(
              error,
            )}; retrying in ${delay} ms`,
          );
          this.setState({ phase: 'backoff' });
          await sleep(this.clock, delay, this.abort.signal);
          continue;
        }
        this.options.logger.debug(
          `${this.options.name}: resourceVersion expired, relisting`,
        );
        needList = true;
      }
      await this.pauseOnChurn();
    }
  }

  /**
   * A watch that ended (closed or 410) within a second and without events is
   * churn: the first is retried at once, repeated ones back off.
   */
  private async pauseOnChurn(): Promise<void> {
    const productive =
      this.watchEvents > 0 ||
      (this.watchOpenedAt !== undefined &&
        this.clock.now() - this.watchOpenedAt >= CHURN_WINDOW_MS);
    if (productive) {
      this.churnCount = 0;
      this.churnBackoff.reset();
      this.errorBackoff.reset();
      return;
    }
    this.churnCount += 1;
    if (this.churnCount > 1 && !this.stopped) {
      this.setState({ phase: 'backoff' });
      await sleep(this.clock, this.churnBackoff.next(), this.abort.signal);
    }
  }

  private async listAll(): Promise<void> {
    const { transport, path, labelSelector, fieldSelector, pageSize } =
      this.options;
    const items = new Map<string, T>();
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const page = await transport.list(
        path,
        {
          labelSelector,
          fieldSelector,
          limit: pageSize,
          continue: continueToken,
        },
        this.abort.signal,
      );
      if (this.stopped) return;
      for (const raw of page.items ?? []) {
        const object = this.options.transform(raw);
        if (object) items.set(object.metadata.uid, object);
      }
      resourceVersion ??= page.metadata?.resourceVersion;
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);

    for (const [uid, old] of this.store) {
      if (!items.has(uid)) {
        this.store.delete(uid);
        this.emit({ type: 'deleted', object: old, initial: true });
      }
    }
    for (const [uid, object] of items) {
      const old = this.store.get(uid);
      if (!old) {
        this.store.set(uid, object);
        this.emit({ type: 'added', object, initial: true });
      } else if (
        old.metadata.resourceVersion !== object.metadata.resourceVersion
      ) {
        this.store.set(uid, object);
        this.emit({ type: 'modified', object, previous: old, initial: true });
      }
    }
    this.resourceVersion = resourceVersion;
    this.nextResyncAt = this.clock.now() + this.options.resyncPeriodMs;
    this.setState({
      synced: true,
      failing: false,
      lastEventAt: this.clock.now(),
    });
    try {
      this.options.onSynced?.();
    } catch (error) {
      this.options.logger.error(
        `Sync handler of ${this.options.name} failed: ${stringifyError(error)}`,
      );
    }
  }

  private handleEvent(event: KubeWatchEvent) {
    if (event.type === 'ERROR') {
      throw kubeApiErrorFromStatus(event.object);
    }
    const rv = (event.object as { metadata?: { resourceVersion?: unknown } })
      ?.metadata?.resourceVersion;
    if (event.type === 'BOOKMARK') {
      if (typeof rv === 'string') this.resourceVersion = rv;
      return;
    }
    const object = this.options.transform(event.object);
    if (!object) return;
    const uid = object.metadata.uid;
    const old = this.store.get(uid);
    if (event.type === 'DELETED') {
      if (old) {
        this.store.delete(uid);
        this.emit({ type: 'deleted', object, initial: false });
      }
    } else if (!old) {
      this.store.set(uid, object);
      this.emit({ type: 'added', object, initial: false });
    } else if (
      old.metadata.resourceVersion !== object.metadata.resourceVersion
    ) {
      this.store.set(uid, object);
      this.emit({ type: 'modified', object, previous: old, initial: false });
    }
    if (object.metadata.resourceVersion !== undefined) {
      this.resourceVersion = object.metadata.resourceVersion;
    }
  }

  private watchOnce(): Promise<WatchOutcome> {
    const { transport, path, labelSelector, fieldSelector } = this.options;
    const timeoutMs = this.options.watchTimeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      let settled = false;
      let outcome: WatchOutcome = 'closed';
      let close: (() => void) | undefined;
      const timers: { watchdog?: TimerHandle; resync?: TimerHandle } = {};

      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        if (timers.watchdog) this.clock.clearTimeout(timers.watchdog);
        if (timers.resync) this.clock.clearTimeout(timers.resync);
        this.closeWatch = undefined;
        close?.();
        if (error) reject(error);
        else resolve(outcome);
      };
      const armWatchdog = () => {
        if (timers.watchdog) this.clock.clearTimeout(timers.watchdog);
        timers.watchdog = this.clock.setTimeout(() => {
          this.options.logger.debug(
            `${this.options.name}: watch silent for too long, reconnecting`,
          );
          finish();
        }, timeoutMs + WATCHDOG_GRACE_MS);
      };
      this.closeWatch = (why: WatchOutcome) => {
        outcome = why;
        finish();
      };
      if (this.stopped) {
        outcome = 'stopped';
        finish();
        return;
      }
      timers.resync = this.clock.setTimeout(
        () => this.closeWatch?.('resync'),
        Math.max(0, this.nextResyncAt - this.clock.now()),
      );
      armWatchdog();
      this.watchOpenedAt = this.clock.now();
      this.setState({ phase: 'watching' });

      transport
        .watch(
          path,
          {
            labelSelector,
            fieldSelector,
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: this.options.watchTimeoutSeconds,
          },
          event => {
            if (settled) return;
            try {
              this.handleEvent(event);
              this.watchEvents += 1;
              armWatchdog();
              this.setState({
                connected: true,
                failing: false,
                lastEventAt: this.clock.now(),
              });
            } catch (error) {
              finish(error);
            }
          },
          error => finish(error),
        )
        .then(
          closer => {
            close = closer;
            if (settled) {
              closer();
            } else if (this.watchEvents === 0) {
              this.setState({ connected: true, failing: false });
            }
          },
          error => finish(error),
        );
    });
  }
}
