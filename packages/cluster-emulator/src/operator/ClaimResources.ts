import { isJsonObject, JsonObject, JsonValue } from '../util/json';
import {
  apiVersionOf,
  KubeObject,
  kubeTime,
  labelsOf,
  metaString,
} from '../util/objects';
import { Random } from '../util/random';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { PATCH_TYPES, WriteOptions } from '../service/ObjectService';
import { StoredObject } from '../store/ResourceTable';
import { ResourceType } from '../store/ResourceType';
import {
  ComposeContext,
  DEMO_VERSION,
  MANAGED_GROUP,
  PLATFORM_GROUP,
  PlatformKindDefinition,
} from '../demo/platformKinds';
import {
  ConditionUpdate,
  readyAvailable,
  readyCreating,
  setConditions,
  syncedOk,
  syncError,
} from './conditions';
import { EventRecorder } from './EventRecorder';

/** Field manager of the operator's writes. */
export const OPERATOR_MANAGER = 'crossplane';

export const CLAIM_SOURCE =
  'offered/compositeresourcedefinition.apiextensions.crossplane.io';
const COMPOSITE_SOURCE =
  'defined/compositeresourcedefinition.apiextensions.crossplane.io';
const TENANT_LABEL = 'fractal.dev/tenant';

export function spec(obj: KubeObject): JsonObject {
  return isJsonObject(obj.spec) ? obj.spec : {};
}

function statusConditions(obj: KubeObject): JsonValue | undefined {
  return isJsonObject(obj.status) ? obj.status.conditions : undefined;
}

export function generationOf(obj: KubeObject): number {
  const meta = obj.metadata;
  return isJsonObject(meta) && typeof meta.generation === 'number'
    ? meta.generation
    : 1;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A claim's composite and managed resources: composing them, and the status
 * and Events each step of an attempt writes on all three levels.
 */
export class ClaimResources {
  constructor(
    private readonly cluster: EmulatedCluster,
    private readonly events: EventRecorder,
    private readonly random: Random,
  ) {}

  requireType(group: string, plural: string): ResourceType {
    const type = this.cluster.core.registry.get(group, DEMO_VERSION, plural);
    if (!type) throw new Error(`the ${plural}.${group} CRD is not installed`);
    return type;
  }

  write(at: number): WriteOptions {
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

  setStatus(
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

  composeContext(claim: KubeObject): ComposeContext {
    const parameters = spec(claim).parameters;
    return {
      claimName: metaString(claim, 'name') ?? '',
      namespace: metaString(claim, 'namespace') ?? '',
      environment: this.cluster.environment,
      cluster: this.cluster.name,
      parameters: isJsonObject(parameters) ? parameters : {},
    };
  }

  compositeType(def: PlatformKindDefinition): ResourceType {
    return this.requireType(PLATFORM_GROUP, `x${def.plural}`);
  }

  private managedType(plural: string): ResourceType {
    return this.requireType(MANAGED_GROUP, plural);
  }

  /** Creates or updates the composite and its managed resources; marks them Creating. */
  compose(
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
        [syncedOk(generationOf(managed)), readyCreating(generationOf(managed))],
        {},
        at,
      );
      unready.push(`${template.kind.toLowerCase()} (${name})`);
    });
    const updated = this.setStatus(
      compositeType,
      composite,
      [
        syncedOk(generationOf(composite)),
        readyCreating(
          generationOf(composite),
          `Unready resources: ${unready.join(', ')}`,
        ),
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

  managedOf(
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

  compositeOf(
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

  /** Marks everything Ready, with the kind's status fields; returns nothing to log. */
  markReady(
    def: PlatformKindDefinition,
    type: ResourceType,
    claim: KubeObject,
    generation: number,
    at: number,
  ): void {
    const ctx = this.composeContext(claim);
    const composite = this.compositeOf(def, claim);
    const managed = composite ? this.managedOf(def, composite) : [];
    for (const m of managed) {
      const template = def.managed.find(t => t.kind === m.obj.kind);
      this.setStatus(
        m.type,
        m.obj,
        [readyAvailable(generationOf(m.obj))],
        { atProvider: template ? template.atProvider(ctx) : {} },
        at,
      );
    }
    if (composite) {
      this.setStatus(
        this.compositeType(def),
        composite,
        [readyAvailable(generationOf(composite))],
        def.readyStatus(ctx),
        at,
      );
    }
    this.setStatus(
      type,
      claim,
      [syncedOk(generation), readyAvailable(generation)],
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
  }

  /** Marks a failed reconcile (Synced=False/ReconcileError); returns the claim's message. */
  markFailed(
    def: PlatformKindDefinition,
    type: ResourceType,
    claim: KubeObject,
    generation: number,
    at: number,
  ): string {
    const composite = this.compositeOf(def, claim);
    const managed = composite ? this.managedOf(def, composite) : [];
    const message = def.failures[this.random.int(0, def.failures.length - 1)];
    const first = managed[0];
    if (first) {
      this.setStatus(
        first.type,
        first.obj,
        [syncError(generationOf(first.obj), message)],
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
          syncError(
            generationOf(composite),
            `cannot compose resources: ${message}`,
          ),
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
      [syncError(generation, claimMessage), readyCreating(generation)],
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
    return claimMessage;
  }
}
