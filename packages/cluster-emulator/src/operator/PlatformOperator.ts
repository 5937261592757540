import { isJsonObject } from '../util/json';
import { EmulatorLogger } from '../util/logger';
import { finalizersOf, metaString } from '../util/objects';
import { Random } from '../util/random';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { StoreEvent } from '../store/ResourceTable';
import { EventRecorder } from './EventRecorder';
import { GroundTruthLog } from './GroundTruthLog';
import { CLAIM_FINALIZER, PlatformReconciler } from './PlatformReconciler';
import { OperatorTiming, planAttempt, sampleDelay } from './timing';

/**
 * The live operator of one cluster: watches claims in-process and drives
 * the reconciler with timers (provisioning delays, failures, stuck attempts,
 * deletion through the finalizer).
 */
export class PlatformOperator {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly scheduled = new Set<string>();
  private readonly deleting = new Set<string>();
  private readonly dirty = new Map<string, Set<string>>();
  private flushHandle: NodeJS.Immediate | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly cluster: EmulatedCluster,
    private readonly reconciler: PlatformReconciler,
    private readonly groundTruth: GroundTruthLog,
    private readonly events: EventRecorder,
    private readonly timing: OperatorTiming,
    private readonly random: Random,
    private readonly logger: EmulatorLogger,
    private readonly eventSweepMs: number,
  ) {}

  /** Starts watching claims and resumes any unfinished work. */
  start(): void {
    this.unsubscribe = this.cluster.subscribe(event => this.onEvent(event));
    for (const storageKey of this.reconciler.claimTypes.keys()) {
      for (const key of this.cluster.core.store
        .table(storageKey)
        .objects.keys()) {
        this.markDirty(storageKey, key);
      }
    }
    const sweep = setInterval(() => this.events.sweep(), this.eventSweepMs);
    this.timers.add(sweep);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    for (const timer of this.timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    this.timers.clear();
    if (this.flushHandle) clearImmediate(this.flushHandle);
  }

  private onEvent(event: StoreEvent): void {
    if (this.reconciler.claimTypes.has(event.storageKey)) {
      this.markDirty(event.storageKey, event.object.key);
    }
  }

  private markDirty(storageKey: string, key: string): void {
    let keys = this.dirty.get(storageKey);
    if (!keys) {
      keys = new Set();
      this.dirty.set(storageKey, keys);
    }
    keys.add(key);
    if (!this.flushHandle) {
      this.flushHandle = setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushHandle = undefined;
    const work = [...this.dirty.entries()];
    this.dirty.clear();
    for (const [storageKey, keys] of work) {
      for (const key of keys) {
        try {
          this.reconcile(storageKey, key);
        } catch (error) {
          this.logger.warn('reconcile failed', {
            cluster: this.cluster.name,
            key,
            error: String(error),
          });
        }
      }
    }
  }

  private later(delayMs: number, fn: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      try {
        fn();
      } catch (error) {
        this.logger.warn('operator step failed', {
          cluster: this.cluster.name,
          error: String(error),
        });
      }
    }, Math.max(0, delayMs));
    this.timers.add(timer);
  }

  private reconcile(storageKey: string, key: string): void {
    const stored = this.reconciler.claimAt(storageKey, key);
    if (!stored) return;
    const claim = stored.object;
    const meta = isJsonObject(claim.metadata) ? claim.metadata : {};
    const uid = String(meta.uid ?? '');
    const now = this.cluster.core.now();
    const entry = this.reconciler.claimTypes.get(storageKey)!;
    if (meta.deletionTimestamp) {
      if (
        !finalizersOf(claim).includes(CLAIM_FINALIZER) ||
        this.deleting.has(uid)
      )
        return;
      this.deleting.add(uid);
      this.reconciler.beginDeletion(storageKey, key, now);
      this.later(sampleDelay(this.timing.deletionDelay, this.random), () => {
        this.deleting.delete(uid);
        this.reconciler.finishDeletion(
          storageKey,
          key,
          this.cluster.core.now(),
        );
      });
      return;
    }
    if (this.reconciler.ensureFinalizer(entry.type, claim, now)) return;
    const generation =
      typeof meta.generation === 'number' ? meta.generation : 1;
    const latest = this.groundTruth.latest(this.cluster.name, uid);
    if (latest && latest.generation >= generation) {
      if (
        latest.generation === generation &&
        latest.outcome === 'in-progress' &&
        latest.planned !== 'stuck'
      ) {
        const due = Date.parse(latest.startedAt) + latest.plannedDelayMs;
        this.scheduleCompletion(storageKey, key, uid, generation, due - now);
      }
      return;
    }
    const plan = planAttempt(this.timing, entry.def.kind, this.random);
    this.reconciler.startAttempt(storageKey, stored, plan, now);
    this.logger.debug('provisioning attempt started', {
      cluster: this.cluster.name,
      kind: entry.def.kind,
      namespace: metaString(claim, 'namespace'),
      name: metaString(claim, 'name'),
      generation,
      planned: plan.outcome,
    });
    if (plan.outcome !== 'stuck') {
      this.scheduleCompletion(storageKey, key, uid, generation, plan.delayMs);
    }
  }

  private scheduleCompletion(
    storageKey: string,
    key: string,
    uid: string,
    generation: number,
    delayMs: number,
  ): void {
    const id = `${uid}/${generation}`;
    if (this.scheduled.has(id)) return;
    this.scheduled.add(id);
    this.later(delayMs, () => {
      this.scheduled.delete(id);
      this.reconciler.complete(
        storageKey,
        key,
        generation,
        this.cluster.core.now(),
      );
    });
  }
}
