import { isJsonObject, JsonObject, JsonValue } from '../util/json';
import {
  apiVersionOf,
  finalizersOf,
  KubeObject,
  kubeTime,
  labelsOf,
  annotationsOf,
  metadataOf,
  metaString,
} from '../util/objects';
import { Random } from '../util/random';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { PATCH_TYPES, WriteOptions } from '../service/ObjectService';
import { TypeStrategy } from '../service/ClusterCore';
import { objectKey, StoredObject } from '../store/ResourceTable';
import { ResourceType, storageKeyOf } from '../store/ResourceType';
import {
  ComposeContext,
  DEMO_VERSION,
  MANAGED_GROUP,
  PLATFORM_GROUP,
  PlatformKindDefinition,
} from '../demo/platformKinds';
import { ConditionUpdate, setConditions } from './conditions';
import { EventRecorder } from './EventRecorder';
import { GroundTruthLog, GroundTruthRecord } from './GroundTruthLog';
import { PlannedOutcome } from './timing';

/** The finalizer the operator puts on claims. */
export const CLAIM_FINALIZER = 'finalizer.apiextensions.crossplane.io';
/** Field manager of the operator's writes. */
export const OPERATOR_MANAGER = 'crossplane';

const CLAIM_SOURCE =
  'offered/compositeresourcedefinition.apiextensions.crossplane.io';
const COMPOSITE_SOURCE =
  'defined/compositeresourcedefinition.apiextensions.crossplane.io';
const TENANT_LABEL = 'fractal.dev/tenant';
const COMPONENT_LABEL = 'fractal.dev/component';
const CREATED_VIA = 'fractal.dev/created-via';

/** A plan for one attempt. */
export interface AttemptPlan {
  outcome: PlannedOutcome;
  delayMs: number;
}

function spec(obj: KubeObject): JsonObject {
  return isJsonObject(obj.spec) ? obj.spec : {};
}

function statusConditions(obj: KubeObject): JsonValue | undefined {
  return isJsonObject(obj.status) ? obj.status.conditions : undefined;
}

function generationOf(obj: KubeObject): number {
  const meta = obj.metadata;
  return isJsonObject(meta) && typeof meta.generation === 'number'
    ? meta.generation
    : 1;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
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

  constructor(
    private readonly cluster: EmulatedCluster,
    kinds: PlatformKindDefinition[],
    private readonly groundTruth: GroundTruthLog,
    private readonly events: EventRecorder,
    private readonly random: Random,
  ) {
    for (const def of kinds) {
      this.claimTypes.set(storageKeyOf(PLATFORM_GROUP, def.plural), {
        def,
        type: this.requireType(PLATFORM_GROUP, def.plural),
      });
    }
  }

  private requireType(group: string, plural: string): ResourceType {
    const type = this.cluster.core.registry.get(group, DEMO_VERSION, plural);
    if (!type) throw new Error(`the ${plural}.${group} CRD is not installed`);
    return type;
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

  private write(at: number): WriteOptions {
    return { fieldManager: OPERATOR_MANAGER, now: at };
  }

  private patchStatus(
    type: ResourceType,
    obj: KubeObject,
    status: JsonObject,
    at: number,
  ): StoredObject | undefined {
    const result = this.cluster.service.patch(
      type,
      metaString(obj, 'namespace'),
      metaString(obj, 'name') ?? '',
      PATCH_TYPES.merge,
      { status },
      'status',
      this.write(at),
    );
    return result.stored;
  }

  private setStatus(
    type: ResourceType,
    obj: KubeObject,
    updates: ConditionUpdate[],
    extra: JsonObject,
    at: number,
  ): KubeObject {
    const conditions = setConditions(statusConditions(obj), updates, at);
    return (
      this.patchStatus(type, obj, { ...extra, conditions }, at)?.object ?? obj
    );
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
      this.write(at),
    );
    return true;
  }

  private composeContext(claim: KubeObject): ComposeContext {
    const parameters = spec(claim).parameters;
    return {
      claimName: metaString(claim, 'name') ?? '',
      namespace: metaString(claim, 'namespace') ?? '',
      environment: this.cluster.environment,
      cluster: this.cluster.name,
      parameters: isJsonObject(parameters) ? parameters : {},
    };
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

    const ctx = this.composeContext(claim);
    this.compose(def, claim, ctx, at);
    const creating: ConditionUpdate[] = [
      {
        type: 'Synced',
        status: 'True',
        reason: 'ReconcileSuccess',
        observedGeneration: generation,
      },
      {
        type: 'Ready',
        status: 'False',
        reason: 'Creating',
        observedGeneration: generation,
      },
    ];
    this.setStatus(type, claim, creating, {}, at);
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

  private compositeType(def: PlatformKindDefinition): ResourceType {
    return this.requireType(PLATFORM_GROUP, `x${def.plural}`);
  }

  private managedType(plural: string): ResourceType {
    return this.requireType(MANAGED_GROUP, plural);
  }

  /** Creates or updates the composite and its managed resources; marks them Creating. */
  private compose(
    def: PlatformKindDefinition,
    claim: KubeObject,
    ctx: ComposeContext,
    at: number,
  ): KubeObject {
    const service = this.cluster.service;
    const compositeType = this.compositeType(def);
    const ref = spec(claim).resourceRef;
    const compositeName =
      isJsonObject(ref) && typeof ref.name === 'string'
        ? ref.name
        : `${ctx.claimName}-${this.random.suffix()}`;
    let composite = service.find(
      compositeType,
      undefined,
      compositeName,
    )?.object;
    const tenant = labelsOf(claim)[TENANT_LABEL];
    const labels: JsonObject = {
      'crossplane.io/claim-name': ctx.claimName,
      'crossplane.io/claim-namespace': ctx.namespace,
      'crossplane.io/composite': compositeName,
    };
    if (tenant) labels[TENANT_LABEL] = tenant;
    if (!composite) {
      const resourceRefs = def.managed.map(m => ({
        apiVersion: apiVersionOf(MANAGED_GROUP, DEMO_VERSION),
        kind: m.kind,
        name: `${compositeName}-${this.random.suffix()}`,
      }));
      composite = service.create(
        compositeType,
        undefined,
        {
          apiVersion: apiVersionOf(PLATFORM_GROUP, DEMO_VERSION),
          kind: `X${def.kind}`,
          metadata: { name: compositeName, labels },
          spec: {
            parameters: ctx.parameters,
            claimRef: {
              apiVersion: String(claim.apiVersion),
              kind: def.kind,
              name: ctx.claimName,
              namespace: ctx.namespace,
            },
            compositionRef: { name: def.compositionName },
            resourceRefs,
          },
        },
        this.write(at),
      ).object;
      this.events.record(
        composite,
        'Normal',
        'SelectComposition',
        `Successfully selected composition: ${def.compositionName}`,
        COMPOSITE_SOURCE,
        at,
      );
    } else {
      composite = service.patch(
        compositeType,
        undefined,
        compositeName,
        PATCH_TYPES.json,
        [{ op: 'add', path: '/spec/parameters', value: ctx.parameters }],
        'main',
        this.write(at),
      ).object;
    }
    const refs = Array.isArray(spec(composite).resourceRefs)
      ? (spec(composite).resourceRefs as JsonValue[])
      : [];
    const compositeUid = metaString(composite, 'uid') ?? '';
    const unready: string[] = [];
    def.managed.forEach((template, i) => {
      const mrRef = refs[i];
      const name =
        isJsonObject(mrRef) && typeof mrRef.name === 'string'
          ? mrRef.name
          : `${compositeName}-${i}`;
      const mrType = this.managedType(template.plural);
      let managed = service.find(mrType, undefined, name)?.object;
      if (!managed) {
        managed = service.create(
          mrType,
          undefined,
          {
            apiVersion: apiVersionOf(MANAGED_GROUP, DEMO_VERSION),
            kind: template.kind,
            metadata: {
              name,
              labels: {
                'crossplane.io/composite': compositeName,
                ...(tenant ? { [TENANT_LABEL]: tenant } : {}),
              },
              annotations: {
                'crossplane.io/composition-resource-name':
                  template.kind.toLowerCase(),
              },
              ownerReferences: [
                {
                  apiVersion: apiVersionOf(PLATFORM_GROUP, DEMO_VERSION),
                  kind: `X${def.kind}`,
                  name: compositeName,
                  uid: compositeUid,
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            spec: { forProvider: template.forProvider(ctx) },
          },
          this.write(at),
        ).object;
        this.events.record(
          managed,
          'Normal',
          'CreatedExternalResource',
          'Successfully requested creation of external resource',
          `managed/${template.plural}.${MANAGED_GROUP}`,
          at,
        );
      } else {
        managed = service.patch(
          mrType,
          undefined,
          name,
          PATCH_TYPES.json,
          [
            {
              op: 'add',
              path: '/spec/forProvider',
              value: template.forProvider(ctx),
            },
          ],
          'main',
          this.write(at),
        ).object;
        this.events.record(
          managed,
          'Normal',
          'UpdatedExternalResource',
          'Successfully requested update of external resource',
          `managed/${template.plural}.${MANAGED_GROUP}`,
          at,
        );
      }
      this.setStatus(
        mrType,
        managed,
        [
          {
            type: 'Synced',
            status: 'True',
            reason: 'ReconcileSuccess',
            observedGeneration: generationOf(managed),
          },
          {
            type: 'Ready',
            status: 'False',
            reason: 'Creating',
            observedGeneration: generationOf(managed),
          },
        ],
        {},
        at,
      );
      unready.push(`${template.kind.toLowerCase()} (${name})`);
    });
    const updated = this.setStatus(
      compositeType,
      composite,
      [
        {
          type: 'Synced',
          status: 'True',
          reason: 'ReconcileSuccess',
          observedGeneration: generationOf(composite),
        },
        {
          type: 'Ready',
          status: 'False',
          reason: 'Creating',
          message: `Unready resources: ${unready.join(', ')}`,
          observedGeneration: generationOf(composite),
        },
      ],
      {},
      at,
    );
    this.events.record(
      composite,
      'Normal',
      'ComposeResources',
      'Successfully composed resources',
      COMPOSITE_SOURCE,
      at,
    );
    return updated;
  }

  private managedOf(
    def: PlatformKindDefinition,
    composite: KubeObject,
  ): Array<{ type: ResourceType; obj: KubeObject }> {
    const refs = Array.isArray(spec(composite).resourceRefs)
      ? (spec(composite).resourceRefs as JsonValue[])
      : [];
    const out: Array<{ type: ResourceType; obj: KubeObject }> = [];
    def.managed.forEach((template, i) => {
      const ref = refs[i];
      if (!isJsonObject(ref) || typeof ref.name !== 'string') return;
      const type = this.managedType(template.plural);
      const stored = this.cluster.service.find(type, undefined, ref.name);
      if (stored) out.push({ type, obj: stored.object });
    });
    return out;
  }

  private compositeOf(
    def: PlatformKindDefinition,
    claim: KubeObject,
  ): KubeObject | undefined {
    const ref = spec(claim).resourceRef;
    if (!isJsonObject(ref) || typeof ref.name !== 'string') return undefined;
    return this.cluster.service.find(
      this.compositeType(def),
      undefined,
      ref.name,
    )?.object;
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
    const ctx = this.composeContext(claim);
    const composite = this.compositeOf(def, claim);
    const managed = composite ? this.managedOf(def, composite) : [];
    if (record.planned === 'ready') {
      for (const m of managed) {
        const template = def.managed.find(t => t.kind === m.obj.kind);
        this.setStatus(
          m.type,
          m.obj,
          [
            {
              type: 'Ready',
              status: 'True',
              reason: 'Available',
              observedGeneration: generationOf(m.obj),
            },
          ],
          { atProvider: template ? template.atProvider(ctx) : {} },
          at,
        );
      }
      if (composite) {
        this.setStatus(
          this.compositeType(def),
          composite,
          [
            {
              type: 'Ready',
              status: 'True',
              reason: 'Available',
              observedGeneration: generationOf(composite),
            },
          ],
          def.readyStatus(ctx),
          at,
        );
      }
      this.setStatus(
        type,
        claim,
        [
          {
            type: 'Synced',
            status: 'True',
            reason: 'ReconcileSuccess',
            observedGeneration: generation,
          },
          {
            type: 'Ready',
            status: 'True',
            reason: 'Available',
            observedGeneration: generation,
          },
        ],
        {
          ...def.readyStatus(ctx),
          connectionDetails: { lastPublishedTime: kubeTime(at) },
        },
        at,
      );
      this.events.record(
        claim,
        'Normal',
        'Available',
        'Successfully provisioned: all composed resources are ready',
        CLAIM_SOURCE,
        at,
      );
      this.groundTruth.write({ ...record, outcome: 'ready', readyAt: iso(at) });
      return;
    }
    if (record.planned === 'failed') {
      const message = def.failures[this.random.int(0, def.failures.length - 1)];
      const first = managed[0];
      if (first) {
        this.setStatus(
          first.type,
          first.obj,
          [
            {
              type: 'Synced',
              status: 'False',
              reason: 'ReconcileError',
              message,
              observedGeneration: generationOf(first.obj),
            },
          ],
          {},
          at,
        );
        this.events.record(
          first.obj,
          'Warning',
          'CannotCreateExternalResource',
          message,
          `managed/${String(first.obj.kind).toLowerCase()}`,
          at,
        );
      }
      if (composite) {
        this.setStatus(
          this.compositeType(def),
          composite,
          [
            {
              type: 'Synced',
              status: 'False',
              reason: 'ReconcileError',
              message: `cannot compose resources: ${message}`,
              observedGeneration: generationOf(composite),
            },
          ],
          {},
          at,
        );
        this.events.record(
          composite,
          'Warning',
          'ComposeResources',
          `cannot compose resources: ${message}`,
          COMPOSITE_SOURCE,
          at,
        );
      }
      const claimMessage = `cannot apply composite resource: ${message}`;
      this.setStatus(
        type,
        claim,
        [
          {
            type: 'Synced',
            status: 'False',
            reason: 'ReconcileError',
            message: claimMessage,
            observedGeneration: generation,
          },
          {
            type: 'Ready',
            status: 'False',
            reason: 'Creating',
            observedGeneration: generation,
          },
        ],
        {},
        at,
      );
      this.events.record(
        claim,
        'Warning',
        'ReconcileError',
        claimMessage,
        CLAIM_SOURCE,
        at,
      );
      this.groundTruth.write({
        ...record,
        outcome: 'failed',
        failedAt: iso(at),
        failureReason: 'ReconcileError',
        failureMessage: claimMessage,
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
    this.setStatus(
      entry.type,
      claim,
      [
        {
          type: 'Ready',
          status: 'False',
          reason: 'Deleting',
          observedGeneration: generationOf(claim),
        },
      ],
      {},
      at,
    );
    const composite = this.compositeOf(entry.def, claim);
    if (composite) {
      const meta = metadataOf(composite);
      if (!meta.deletionTimestamp) {
        this.cluster.service.delete(
          this.compositeType(entry.def),
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
      this.write(at),
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
