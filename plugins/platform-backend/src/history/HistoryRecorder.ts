import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { ResourceChange } from '../cache/ResourceChange';
import { EventLoopBudget, nextTurn } from '../util/EventLoopBudget';
import {
  attemptKey,
  type AttemptKey,
  type AttemptRecord,
  type AttemptStore,
} from './AttemptStore';
import { attemptAsFound, planChange, type ChangePlan } from './planChange';
import type {
  ProvisioningEvent,
  ProvisioningEventListener,
} from './ProvisioningEvent';
import {
  resourceKey,
  type ResourceRecord,
  type ResourceStore,
} from './ResourceStore';

/** What the recorder remembers of a resource to skip writes that change nothing. */
interface Known {
  generation: number;
  fingerprint: string;
  ready: boolean;
  failed: boolean;
  terminating: boolean;
  deleted: boolean;
}

/** Options of {@link HistoryRecorder}. */
export interface HistoryRecorderOptions {
  db: Knex;
  attempts: AttemptStore;
  resources: ResourceStore;
  logger: LoggerService;
  now: () => number;
  onEvent?: ProvisioningEventListener;
  /** Changes written per transaction. */
  batchSize?: number;
  /** Delay before a failed batch is retried, ms. */
  retryDelayMs?: number;
  /** Deleted resources remembered to ignore late events about them. */
  maxTombstones?: number;
  /** Synchronous work per turn of the event loop before yielding, ms. */
  budgetMs?: number;
  /**
   * Writing starts once this resolves; changes are queued (in order) until
   * then. The plugin passes the informers' first list, bounded, so that at
   * start the cache fills with all the CPU and the history catches up after.
   */
  startAfter?: () => Promise<void>;
}

interface Queued {
  change: ResourceChange;
  plan: ChangePlan;
}

const keyOf = resourceKey;

function fingerprint(r: Omit<ResourceRecord, 'deletedAt'>): string {
  return JSON.stringify([
    r.kind,
    r.namespace,
    r.name,
    r.tenant,
    r.generation,
    r.createdViaPortal,
    r.requestedBy,
    r.templateRef,
  ]);
}

function knownFrom(row: ResourceRecord, attempt: AttemptRecord): Known {
  const { deletedAt, ...resource } = row;
  return {
    generation: attempt.generation,
    fingerprint: fingerprint(resource),
    ready: attempt.readyAt !== undefined,
    failed: attempt.failedAt !== undefined,
    terminating: attempt.deletedAt !== undefined,
    deleted: deletedAt !== undefined,
  };
}

/**
 * Writes the provisioning history from the ordered stream of resource
 * changes. Changes are queued and written in batches, one transaction per
 * batch, in arrival order per resource. Every write is idempotent and
 * conditional (see {@link AttemptStore}), so restarts, relists, duplicates
 * and a second replica never duplicate or lose an attempt; a transition this
 * replica won is passed to `onEvent` after commit.
 *
 * It never holds up the informers or API requests: the listener only queues,
 * and the writer gives the event loop back between statements once a few
 * milliseconds of work are spent ({@link EventLoopBudget}). Resources first
 * found by a list that the database does not hold yet (every resource at a
 * first start) are written as they stand with multi-row inserts, a few
 * statements per batch instead of several round trips per resource.
 */
export class HistoryRecorder {
  private readonly known = new Map<string, Known>();
  private readonly queue: Queued[] = [];
  private draining?: Promise<void>;
  private readonly batchSize: number;
  private readonly retryDelayMs: number;
  private readonly maxTombstones: number;
  private tombstones = 0;
  private readonly budgetMs: number;
  private started?: Promise<void>;

  constructor(private readonly options: HistoryRecorderOptions) {
    this.budgetMs = options.budgetMs ?? 8;
    this.batchSize = options.batchSize ?? 500;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.maxTombstones = options.maxTombstones ?? 10_000;
  }

  /** The `ResourceChangeListener`: queues the change and returns at once. */
  readonly listener = (change: ResourceChange): void => {
    this.queue.push({ change, plan: planChange(change) });
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
      });
    }
  };

  private async waitToStart(): Promise<void> {
    try {
      await this.options.startAfter?.();
    } catch (error) {
      this.options.logger.warn(
        'Waiting to start the provisioning history failed; starting now',
        { error: String(error) },
      );
    }
  }

  /** Resolves when every change queued so far is written (or given up on). */
  async flush(): Promise<void> {
    while (this.draining) {
      await this.draining;
    }
  }

  /** Changes waiting to be written. */
  get backlog(): number {
    return this.queue.length;
  }

  private async drain(): Promise<void> {
    this.started ??= this.waitToStart();
    await this.started;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.batchSize);
      await this.writeBatch(batch);
      await nextTurn();
    }
  }

  private async writeBatch(batch: Queued[]): Promise<void> {
    // A stable sort by resource keeps each resource's order and takes row locks
    // in the same order on every replica.
    const ordered = batch
      .map((item, index) => ({ item, index }))
      .sort((a, b) => {
        const ka = keyOf(
          a.item.plan.resource.cluster,
          a.item.plan.resource.uid,
        );
        const kb = keyOf(
          b.item.plan.resource.cluster,
          b.item.plan.resource.uid,
        );
        if (ka !== kb) return ka < kb ? -1 : 1;
        return a.index - b.index;
      })
      .map(x => x.item);
    try {
      await this.writeInTransaction(ordered);
      return;
    } catch (error) {
      this.options.logger.warn('Provisioning history batch failed; retrying', {
        changes: ordered.length,
        error: String(error),
      });
    }
    await new Promise(resolve => setTimeout(resolve, this.retryDelayMs));
    try {
      await this.writeInTransaction(ordered);
      return;
    } catch (error) {
      this.options.logger.warn(
        'Provisioning history batch failed again; writing changes one by one',
        {
          changes: ordered.length,
          error: String(error),
        },
      );
    }
    for (const item of ordered) {
      try {
        await this.writeInTransaction([item]);
      } catch (error) {
        const { cluster, uid, generation } = item.plan.attempt;
        this.options.logger.error(
          'Could not record a resource change in the provisioning history',
          {
            cluster,
            uid,
            generation,
            changeType: item.change.type,
            error: String(error),
          },
        );
      }
    }
  }

  private async writeInTransaction(items: Queued[]): Promise<void> {
    const staged = new Map<string, Known>();
    const events: ProvisioningEvent[] = [];
    const budget = new EventLoopBudget(this.budgetMs);
    await this.options.db.transaction(async tx => {
      const attempts = this.options.attempts.withTransaction(tx);
      const resources = this.options.resources.withTransaction(tx);
      await this.prefetch(items, attempts, resources, staged);
      await budget.yield();
      const written = await this.insertFound(
        items,
        attempts,
        resources,
        staged,
        budget,
      );
      for (const item of items) {
        if (written.has(item)) continue;
        await budget.yield();
        await this.apply(item.plan, attempts, resources, staged, events);
      }
    });
    for (const [key, next] of staged) {
      if (next.deleted && !this.known.get(key)?.deleted) {
        this.tombstones += 1;
      }
      this.known.delete(key);
      this.known.set(key, next);
    }
    this.evictTombstones();
    for (const event of events) {
      await this.emit(event);
    }
  }

  private evictTombstones() {
    if (this.tombstones <= this.maxTombstones) return;
    for (const [key, value] of this.known) {
      if (this.tombstones <= this.maxTombstones) break;
      if (value.deleted) {
        this.known.delete(key);
        this.tombstones -= 1;
      }
    }
  }

  /**
   * Writes resources first found by a list that the database does not hold
   * (neither this replica nor the prefetch knows them) as they stand: the
   * resource and its attempt, already Ready or failed when the object says
   * so, with multi-row inserts that skip rows that exist. Such history is
   * reconstructed, not observed, so it notifies nobody. A row another writer
   * inserted first is left to {@link HistoryRecorder.apply}, whose writes are
   * conditional. Returns the items written.
   */
  private async insertFound(
    items: Queued[],
    attempts: AttemptStore,
    resources: ResourceStore,
    staged: Map<string, Known>,
    budget: EventLoopBudget,
  ): Promise<Set<Queued>> {
    const found: Queued[] = [];
    const considered = new Set<string>();
    for (const item of items) {
      const { cluster, uid } = item.plan.resource;
      const key = keyOf(cluster, uid);
      if (considered.has(key)) continue; // only a resource's first change
      considered.add(key);
      const { plan } = item;
      if (
        !plan.live &&
        plan.deletedAt === undefined &&
        plan.terminatingAt === undefined &&
        !staged.has(key) &&
        !this.known.has(key)
      ) {
        found.push(item);
      }
    }
    const written = new Set<Queued>();
    if (found.length === 0) return written;
    const now = this.options.now();
    const newResources = await resources.insertNew(
      found.map(item => item.plan.resource),
      now,
    );
    await budget.yield();
    const fresh = found
      .filter(item =>
        newResources.has(
          keyOf(item.plan.resource.cluster, item.plan.resource.uid),
        ),
      )
      .map(item => ({ item, attempt: attemptAsFound(item.plan) }));
    const newAttempts = await attempts.insertNew(
      fresh.map(f => f.attempt),
      now,
    );
    await budget.yield();
    for (const { item, attempt } of fresh) {
      if (!newAttempts.has(attemptKey(attempt))) continue;
      written.add(item);
      staged.set(keyOf(attempt.cluster, attempt.uid), {
        generation: attempt.generation,
        fingerprint: fingerprint(item.plan.resource),
        ready: attempt.readyAt !== undefined,
        failed: attempt.failedAt !== undefined,
        terminating: false,
        deleted: false,
      });
    }
    return written;
  }

  /**
   * Loads what the database holds of resources this replica does not know yet
   * (after a start or a relist), so unchanged objects cost no writes.
   */
  private async prefetch(
    items: Queued[],
    attempts: AttemptStore,
    resources: ResourceStore,
    staged: Map<string, Known>,
  ) {
    const unknown = new Map<string, { cluster: string; uid: string }>();
    for (const { plan } of items) {
      const { cluster, uid } = plan.resource;
      const key = keyOf(cluster, uid);
      if (!this.known.has(key)) unknown.set(key, { cluster, uid });
    }
    if (unknown.size === 0) return;
    const keys = [...unknown.values()];
    const [rows, latest] = await Promise.all([
      resources.getMany(keys),
      attempts.latestOf(keys),
    ]);
    for (const [key, row] of rows) {
      const attempt = latest.get(key);
      if (attempt) staged.set(key, knownFrom(row, attempt));
    }
  }

  private async emit(event: ProvisioningEvent) {
    try {
      await this.options.onEvent?.(event);
    } catch (error) {
      this.options.logger.error('Provisioning event handler failed', {
        type: event.type,
        cluster: event.attempt.cluster,
        uid: event.attempt.uid,
        generation: event.attempt.generation,
        error: String(error),
      });
    }
  }

  private async apply(
    plan: ChangePlan,
    attempts: AttemptStore,
    resources: ResourceStore,
    staged: Map<string, Known>,
    events: ProvisioningEvent[],
  ): Promise<void> {
    const { cluster, uid } = plan.resource;
    const key = keyOf(cluster, uid);
    const known = staged.get(key) ?? this.known.get(key);
    const now = this.options.now();
    const print = fingerprint(plan.resource);

    if (known?.deleted) {
      return; // a late event about a deleted object
    }
    if (plan.deletedAt !== undefined) {
      if (!known) {
        await resources.upsert(plan.resource, now);
      }
      await resources.markDeleted(cluster, uid, plan.deletedAt);
      await attempts.markOpenDeleted(cluster, uid, plan.deletedAt);
      staged.set(key, {
        generation: plan.attempt.generation,
        fingerprint: print,
        ready: true,
        failed: true,
        terminating: true,
        deleted: true,
      });
      return;
    }
    if (known && plan.attempt.generation < known.generation) {
      return; // stale: a newer generation was already recorded
    }
    const attempt: AttemptKey = plan.attempt;
    const sameGeneration = known?.generation === plan.attempt.generation;
    if (known?.fingerprint !== print) {
      await resources.upsert(plan.resource, now);
    }
    // Deleting an object with finalizers bumps its generation: that is no
    // provisioning attempt, so a terminating object never starts one.
    if (!sameGeneration && plan.terminatingAt === undefined) {
      await attempts.ensure(plan.attempt, now);
      await attempts.supersedeOlder(attempt, plan.attempt.startedAt);
    }
    const next: Known =
      known && sameGeneration
        ? { ...known, fingerprint: print }
        : {
            generation: plan.attempt.generation,
            fingerprint: print,
            ready: false,
            failed: false,
            terminating: false,
            deleted: false,
          };
    if (plan.terminatingAt !== undefined && !next.terminating) {
      await attempts.markOpenDeleted(cluster, uid, plan.terminatingAt);
      next.terminating = true;
    }
    const transition = plan.transition;
    if (transition?.type === 'ready' && !next.ready) {
      let won: boolean;
      if (transition.live) {
        won = await attempts.markReady(attempt, transition.at, {
          estimated: false,
        });
      } else {
        // Seen Ready in a (re)list: an attempt whose start was observed became
        // Ready while nobody watched (notify); one reconstructed from the
        // object is history, not news (no notification).
        won = await attempts.markReady(attempt, transition.at, {
          estimated: true,
          onlyObservedStart: true,
        });
        if (!won) {
          await attempts.markReady(attempt, transition.at, {
            estimated: true,
          });
        }
      }
      if (won) {
        await this.pushEvent('ready', attempt, attempts, events);
      }
      next.ready = true;
    }
    if (transition?.type === 'failed' && !next.failed && !next.ready) {
      const won = await attempts.markFailed(
        attempt,
        transition.at,
        transition.reason,
        transition.message,
      );
      if (won) {
        await this.pushEvent('failed', attempt, attempts, events);
      }
      next.failed = true;
    }
    staged.set(key, next);
  }

  private async pushEvent(
    type: ProvisioningEvent['type'],
    key: AttemptKey,
    attempts: AttemptStore,
    events: ProvisioningEvent[],
  ) {
    const attempt = await attempts.get(key);
    if (attempt) {
      events.push({ type, attempt });
    }
  }
}
