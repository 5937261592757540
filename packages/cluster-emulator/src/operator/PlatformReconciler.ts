import { isJsonObject } from '../util/json';
import {
  annotationsOf,
  apiVersionOf,
  finalizersOf,
  KubeObject,
  labelsOf,
  metadataOf,
  metaString,
} from '../util/objects';
import { Random } from '../util/random';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { PATCH_TYPES } from '../service/ObjectService';
import { TypeStrategy } from '../service/ClusterCore';
import { objectKey, StoredObject } from '../store/ResourceTable';
import { ResourceType, storageKeyOf } from '../store/ResourceType';
import {
  DEMO_VERSION,
  PLATFORM_GROUP,
  PlatformKindDefinition,
} from '../demo/platformKinds';
import {
  ConditionUpdate,
  readyCreating,
  readyDeleting,
  syncedOk,
} from './conditions';
import {
  CLAIM_SOURCE,
  ClaimResources,
  generationOf,
  iso,
} from './ClaimResources';
import { EventRecorder } from './EventRecorder';
import { GroundTruthLog, GroundTruthRecord } from './GroundTruthLog';
import { PlannedOutcome } from './timing';

/** The finalizer the operator puts on claims. */
export const CLAIM_FINALIZER = 'finalizer.apiextensions.crossplane.io';
export { OPERATOR_MANAGER } from './ClaimResources';

const TENANT_LABEL = 'fractal.dev/tenant';
const COMPONENT_LABEL = 'fractal.dev/component';
const CREATED_VIA = 'fractal.dev/created-via';

/** A plan for one attempt. */
export interface AttemptPlan {
  outcome: PlannedOutcome;
  delayMs: number;
}

/**
 * The Crossplane-like reconcile steps, each at an explicit time so the live
 * operator (timers) and the history seeder (past times) share them: bind a
 * claim to a composite, compose managed resources, move Synced/Ready with
 * Events, fail or become Ready, and delete through a finalizer.
 */
export class PlatformReconciler {
  readonly claimTypes = new Map<
    string,
    { def: PlatformKindDefinition; type: ResourceType }
  >();

  private readonly resources: ClaimResources;

  constructor(
    private readonly cluster: EmulatedCluster,
    kinds: PlatformKindDefinition[],
    private readonly groundTruth: GroundTruthLog,
    private readonly events: EventRecorder,
    private readonly random: Random,
  ) {
    this.resources = new ClaimResources(cluster, events, random);
    for (const def of kinds) {
      this.claimTypes.set(storageKeyOf(PLATFORM_GROUP, def.plural), {
        def,
        type: this.resources.requireType(PLATFORM_GROUP, def.plural),
      });
    }
  }

  /**
   * Binds claims to their composite at admission (as a mutating webhook
   * would), so a claim's generation only moves with its own spec.
   */
  admissionStrategy(def: PlatformKindDefinition): TypeStrategy {
    const bind = (obj: KubeObject, old?: KubeObject) => {
      const s = isJsonObject(obj.spec) ? obj.spec : (obj.spec = {});
      if (isJsonObject(s.resourceRef)) return;
      const previous =
        old && isJsonObject(old.spec) ? old.spec.resourceRef : undefined;
      s.resourceRef = isJsonObject(previous)
        ? previous
        : {
            apiVersion: apiVersionOf(PLATFORM_GROUP, DEMO_VERSION),
            kind: `X${def.kind}`,
            name: `${metaString(obj, 'name')}-${this.random.suffix()}`,
          };
    };
    return {
      prepareCreate: obj => bind(obj),
      prepareUpdate: (obj, old) => bind(obj, old),
    };
  }

  /** Adds the claim finalizer; returns false when it was already there. */
  ensureFinalizer(type: ResourceType, claim: KubeObject, at: number): boolean {
    const finalizers = finalizersOf(claim);
    if (finalizers.includes(CLAIM_FINALIZER)) return false;
    this.cluster.service.patch(
      type,
      metaString(claim, 'namespace'),
      metaString(claim, 'name') ?? '',
      PATCH_TYPES.merge,
      { metadata: { finalizers: [...finalizers, CLAIM_FINALIZER] } },
      'main',
      this.resources.write(at),
    );
    return true;
  }

  /** The current claim with this storage key and object key. */
  claimAt(storageKey: string, key: string): StoredObject | undefined {
    return this.cluster.core.store.table(storageKey).get(key);
  }

  /** Starts provisioning a claim's current generation. */
  startAttempt(
    storageKey: string,
    claimStored: StoredObject,
    plan: AttemptPlan,
    at: number,
    seeded = false,
  ): GroundTruthRecord {
    const { def, type } = this.claimTypes.get(storageKey)!;
    const claim = claimStored.object;
    const uid = metaString(claim, 'uid') ?? '';
    const generation = generationOf(claim);
    const previous = this.groundTruth.latest(this.cluster.name, uid);
    if (
      previous &&
      previous.outcome === 'in-progress' &&
      previous.generation < generation
    ) {
      this.groundTruth.write({
        ...previous,
        outcome: 'superseded',
        supersededAt: iso(at),
      });
    }
    const labels = labelsOf(claim);
    const record: GroundTruthRecord = {
      cluster: this.cluster.name,
      namespace: metaString(claim, 'namespace') ?? '',
      apiVersion: String(claim.apiVersion),
      kind: def.kind,
      name: metaString(claim, 'name') ?? '',
      uid,
      generation,
      tenant:
        this.cluster.tenantOf(metaString(claim, 'namespace') ?? '') ??
        labels[TENANT_LABEL],
      component: labels[COMPONENT_LABEL],
      createdViaPortal: annotationsOf(claim)[CREATED_VIA] === 'portal',
      startedAt: iso(at),
      outcome: 'in-progress',
      planned: plan.outcome,
      plannedDelayMs: plan.delayMs,
      seeded,
    };
    this.groundTruth.write(record);

    const ctx = this.resources.composeContext(claim);
    this.resources.compose(def, claim, ctx, at);
    const creating: ConditionUpdate[] = [
      syncedOk(generation),
      readyCreating(generation),
    ];
    this.resources.setStatus(type, claim, creating, {}, at);
    if (generation === 1) {
      this.events.record(
        claim,
        'Normal',
        'BindCompositeResource',
        'Successfully bound composite resource',
        CLAIM_SOURCE,
        at,
      );
    }
    this.events.record(
      claim,
      'Normal',
      'ConfigureCompositeResource',
      'Successfully applied composite resource',
      CLAIM_SOURCE,
      at,
    );
    return record;
  }

  /**
   * Finishes an attempt as planned (Ready or failed). Does nothing when the
   * claim moved on (new generation, deletion) or is gone.
   */
  complete(
    storageKey: string,
    key: string,
    generation: number,
    at: number,
  ): void {
    const entry = this.claimTypes.get(storageKey);
    const stored = this.claimAt(storageKey, key);
    if (!entry || !stored) return;
    const claim = stored.object;
    const meta = metadataOf(claim);
    if (generationOf(claim) !== generation || meta.deletionTimestamp) return;
    const uid = String(meta.uid);
    const record = this.groundTruth.get(this.cluster.name, uid, generation);
    if (!record || record.outcome !== 'in-progress') return;
    const { def, type } = entry;
    if (record.planned === 'ready') {
      this.resources.markReady(def, type, claim, generation, at);
      this.groundTruth.write({ ...record, outcome: 'ready', readyAt: iso(at) });
      return;
    }
    if (record.planned === 'failed') {
      const message = this.resources.markFailed(
        def,
        type,
        claim,
        generation,
        at,
      );
      this.groundTruth.write({
        ...record,
        outcome: 'failed',
        failedAt: iso(at),
        failureReason: 'ReconcileError',
        failureMessage: message,
      });
    }
  }

  /** Starts deleting a claim: marks it Deleting and deletes its composite. */
  beginDeletion(storageKey: string, key: string, at: number): void {
    const entry = this.claimTypes.get(storageKey);
    const stored = this.claimAt(storageKey, key);
    if (!entry || !stored) return;
    const claim = stored.object;
    const uid = metaString(claim, 'uid') ?? '';
    const latest = this.groundTruth.latest(this.cluster.name, uid);
    const deletionTimestamp = metaString(claim, 'deletionTimestamp');
    const deletedAt = deletionTimestamp
      ? Math.min(Date.parse(deletionTimestamp), at)
      : at;
    if (latest && !latest.deletedAt) {
      this.groundTruth.write({
        ...latest,
        deletedAt: iso(deletedAt),
        outcome: latest.outcome === 'in-progress' ? 'deleted' : latest.outcome,
      });
    }
    this.resources.setStatus(
      entry.type,
      claim,
      [readyDeleting(generationOf(claim))],
      {},
      at,
    );
    const composite = this.resources.compositeOf(entry.def, claim);
    if (composite) {
      const meta = metadataOf(composite);
      if (!meta.deletionTimestamp) {
        this.cluster.service.delete(
          this.resources.compositeType(entry.def),
          undefined,
          String(meta.name),
          { now: at },
        );
      }
      this.events.record(
        claim,
        'Normal',
        'DeleteCompositeResource',
        'Successfully deleted composite resource',
        CLAIM_SOURCE,
        at,
      );
    }
  }

  /** Removes the claim finalizer (the claim then goes away). */
  finishDeletion(storageKey: string, key: string, at: number): void {
    const entry = this.claimTypes.get(storageKey);
    const stored = this.claimAt(storageKey, key);
    if (!entry || !stored) return;
    const claim = stored.object;
    const finalizers = finalizersOf(claim);
    if (!finalizers.includes(CLAIM_FINALIZER)) return;
    const rest = finalizers.filter(f => f !== CLAIM_FINALIZER);
    this.cluster.service.patch(
      entry.type,
      metaString(claim, 'namespace'),
      metaString(claim, 'name') ?? '',
      PATCH_TYPES.merge,
      { metadata: { finalizers: rest.length > 0 ? rest : null } },
      'main',
      this.resources.write(at),
    );
  }

  /** The object key of a claim. */
  static keyOf(claim: KubeObject): string {
    return objectKey(
      metaString(claim, 'namespace'),
      metaString(claim, 'name') ?? '',
    );
  }
}
