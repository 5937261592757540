import { JsonObject } from '../util/json';
import { Random } from '../util/random';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { PATCH_TYPES } from '../service/ObjectService';
import { objectKey } from '../store/ResourceTable';
import { storageKeyOf } from '../store/ResourceType';
import { PlatformReconciler } from '../operator/PlatformReconciler';
import { PlannedOutcome, sampleDelay } from '../operator/timing';
import { DemoTenant } from './demoOrg';
import {
  DEMO_VERSION,
  PLATFORM_GROUP,
  PlatformKindDefinition,
} from './platformKinds';
import {
  NAME_SUFFIXES,
  seedParameters,
  TEMPLATE_NAMES,
  updatedParameters,
} from './seedParameters';

/** A cluster the history is seeded into. */
export interface SeedTarget {
  cluster: EmulatedCluster;
  reconciler: PlatformReconciler;
}

/** What to seed. */
export interface SeedSettings {
  randomSeed: number | string;
  historyDays: number;
  resources: number;
  now: number;
  tenants: DemoTenant[];
  kinds: PlatformKindDefinition[];
  tenantLabel: string;
}

interface SeedAttempt {
  at: number;
  outcome: PlannedOutcome;
  delayMs: number;
  parameters: JsonObject;
}

interface SeedClaim {
  target: number;
  tenant: DemoTenant;
  def: PlatformKindDefinition;
  name: string;
  component?: string;
  portal: boolean;
  attempts: SeedAttempt[];
  deleteAt?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Median provisioning time of each kind at the start of the history. */
const BASE_MEDIAN_MS: Record<string, number> = {
  PostgreSQLInstance: 7 * MINUTE,
  Bucket: 40 * SECOND,
  Cache: 4 * MINUTE,
  Application: 90 * SECOND,
};

const KIND_WEIGHTS: Record<string, number> = {
  PostgreSQLInstance: 3,
  Bucket: 2.5,
  Cache: 2,
  Application: 2.5,
};
const TENANT_WEIGHTS: Record<string, number> = {
  payments: 3,
  checkout: 2.5,
  search: 2,
  identity: 2.5,
};

function weighted<T>(
  random: Random,
  items: T[],
  weight: (item: T) => number,
): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let roll = random.next() * total;
  for (const item of items) {
    roll -= weight(item);
    if (roll <= 0) return item;
  }
  return items[items.length - 1];
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / SECOND) * SECOND;
}

function provisioningDelay(
  random: Random,
  kind: string,
  progress: number,
  portal: boolean,
): number {
  const median =
    (BASE_MEDIAN_MS[kind] ?? 2 * MINUTE) *
    (1.35 - 0.6 * progress) *
    (portal ? 0.9 : 1);
  return wholeSeconds(
    Math.max(
      5 * SECOND,
      sampleDelay(
        { distribution: 'lognormal', medianMs: median, p95Ms: median * 2.8 },
        random,
      ),
    ),
  );
}

/** Plans the claims of the history: who, what, where, when, and how each attempt ends. */
export function planHistory(
  settings: SeedSettings,
  targets: SeedTarget[],
): SeedClaim[] {
  const random = new Random(`history:${settings.randomSeed}`);
  const adopters = settings.tenants.filter(t => t.adopter);
  const span = settings.historyDays * DAY;
  const start = settings.now - span;
  const used = new Set<string>();
  const claims: SeedClaim[] = [];
  const targetWeights = targets.map((_, i) => 1 / (1 + i * 0.45));
  for (let n = 0; n < settings.resources && adopters.length > 0; n++) {
    const target = weighted(
      random,
      targets.map((_, i) => i),
      i => targetWeights[i],
    );
    const environment = targets[target].cluster.environment;
    const tenant = weighted(random, adopters, t => TENANT_WEIGHTS[t.name] ?? 2);
    const def = weighted(
      random,
      settings.kinds,
      d => KIND_WEIGHTS[d.kind] ?? 2,
    );
    const component = random.chance(0.8)
      ? random.pick(tenant.components)
      : undefined;
    // Adoption grows: creation density rises linearly over the window.
    const progress = Math.sqrt(random.next());
    const createdAt = wholeSeconds(
      start + progress * span - random.int(0, 10 * MINUTE),
    );
    const portal = random.chance(0.35 + 0.45 * progress);
    const base = component ?? tenant.name;
    let name = `${base}-${random.pick(NAME_SUFFIXES[def.kind] ?? ['res'])}`;
    for (
      let k = 2;
      used.has(`${target}/${tenant.name}/${def.kind}/${name}`);
      k++
    ) {
      name = `${base}-${random.pick(NAME_SUFFIXES[def.kind] ?? ['res'])}-${k}`;
    }
    used.add(`${target}/${tenant.name}/${def.kind}/${name}`);
    const parameters = seedParameters(def.kind, random, {
      tenant: tenant.name,
      component,
      environment,
    });
    const attempts: SeedAttempt[] = [];
    const failed = random.chance(0.09 - 0.05 * progress);
    const delay = provisioningDelay(random, def.kind, progress, portal);
    attempts.push({
      at: createdAt,
      outcome: failed ? 'failed' : 'ready',
      delayMs: failed ? wholeSeconds(delay * 0.5) : delay,
      parameters,
    });
    let last = createdAt + delay;
    if (failed && random.chance(0.6)) {
      const retryAt = wholeSeconds(
        last + random.int(1, 48) * HOUR * random.next() + 30 * MINUTE,
      );
      const retryDelay = provisioningDelay(random, def.kind, progress, portal);
      attempts.push({
        at: retryAt,
        outcome: 'ready',
        delayMs: retryDelay,
        parameters: updatedParameters(def.kind, parameters, random),
      });
      last = retryAt + retryDelay;
    } else if (!failed && random.chance(0.12)) {
      const updateAt = wholeSeconds(
        last + random.int(1, 20) * DAY * random.next() + HOUR,
      );
      const updateDelay = provisioningDelay(random, def.kind, progress, portal);
      attempts.push({
        at: updateAt,
        outcome: 'ready',
        delayMs: updateDelay,
        parameters: updatedParameters(def.kind, parameters, random),
      });
      last = updateAt + updateDelay;
    }
    const claim: SeedClaim = {
      target,
      tenant,
      def,
      name,
      component,
      portal,
      attempts,
    };
    if (random.chance(0.08)) {
      claim.deleteAt = wholeSeconds(
        last + random.int(1, 30) * DAY * random.next() + HOUR,
      );
    }
    claims.push(claim);
  }
  // A few recent attempts that are still open: two stuck past any SLO, two finishing soon after start.
  for (let i = 0; i < 4 && adopters.length > 0; i++) {
    const stuck = i < 2;
    const tenant = adopters[i % adopters.length];
    const def = settings.kinds[i % settings.kinds.length];
    const target = i % targets.length;
    const environment = targets[target].cluster.environment;
    const createdAt = wholeSeconds(
      settings.now -
        (stuck ? random.int(2, 20) * HOUR : random.int(20, 60) * SECOND),
    );
    claims.push({
      target,
      tenant,
      def,
      name: `${tenant.components[0] ?? tenant.name}-${
        stuck ? 'pending' : 'new'
      }-${(NAME_SUFFIXES[def.kind] ?? ['res'])[0]}`,
      component: tenant.components[0],
      portal: true,
      attempts: [
        {
          at: createdAt,
          outcome: stuck ? 'stuck' : 'ready',
          delayMs: stuck ? 0 : random.int(60, 150) * SECOND,
          parameters: seedParameters(def.kind, random, {
            tenant: tenant.name,
            component: tenant.components[0],
            environment,
          }),
        },
      ],
    });
  }
  return claims.sort((a, b) => a.attempts[0].at - b.attempts[0].at);
}

function claimManifest(
  claim: SeedClaim,
  settings: SeedSettings,
  environment: string,
  parameters: JsonObject,
): JsonObject {
  const labels: JsonObject = {};
  const annotations: JsonObject = {};
  const tenant = claim.tenant.name;
  if (claim.portal) {
    labels[settings.tenantLabel] = tenant;
    labels['fractal.dev/environment'] = environment;
    labels['app.kubernetes.io/managed-by'] = 'fractal';
    annotations['fractal.dev/created-via'] = 'portal';
    annotations['fractal.dev/owner'] = `group:default/${tenant}`;
    annotations[
      'fractal.dev/requested-by'
    ] = `user:default/${claim.tenant.user}`;
    annotations['fractal.dev/template'] = `template:default/${
      TEMPLATE_NAMES[claim.def.kind] ?? 'resource'
    }`;
    if (claim.component)
      annotations[
        'fractal.dev/component-ref'
      ] = `component:default/${claim.component}`;
  } else if (claim.name.length % 3 !== 0) {
    labels[settings.tenantLabel] = tenant;
  }
  if (claim.component) labels['fractal.dev/component'] = claim.component;
  const metadata: JsonObject = {
    name: claim.name,
    namespace: `tenant-${tenant}`,
  };
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  const spec: JsonObject = { parameters };
  if (claim.def.kind !== 'Application' && claim.def.kind !== 'Bucket') {
    spec.writeConnectionSecretToRef = { name: `${claim.name}-conn` };
  }
  return {
    apiVersion: `${PLATFORM_GROUP}/${DEMO_VERSION}`,
    kind: claim.def.kind,
    metadata,
    spec,
  };
}

/**
 * Seeds a history of claims into the clusters through the same write rules
 * and reconcile steps the live operator uses, at past times, and records
 * each attempt in the ground-truth log. Attempts still open at `now` are
 * left to the live operator.
 */
export function seedHistory(
  targets: SeedTarget[],
  settings: SeedSettings,
): number {
  const claims = planHistory(settings, targets);
  for (const claim of claims) {
    const { cluster, reconciler } = targets[claim.target];
    const storageKey = storageKeyOf(PLATFORM_GROUP, claim.def.plural);
    const entry = reconciler.claimTypes.get(storageKey);
    if (!entry) continue;
    const namespace = `tenant-${claim.tenant.name}`;
    const key = objectKey(namespace, claim.name);
    claim.attempts.forEach((attempt, index) => {
      if (attempt.at >= settings.now) return;
      const manifest = claimManifest(
        claim,
        settings,
        cluster.environment,
        attempt.parameters,
      );
      const service = cluster.service;
      if (index === 0) {
        if (claim.portal) {
          service.apply(entry.type, namespace, claim.name, manifest, 'main', {
            fieldManager: 'fractal',
            now: attempt.at,
          });
        } else {
          service.create(entry.type, namespace, manifest, {
            fieldManager: 'kubectl-client-side-apply',
            now: attempt.at,
          });
        }
        reconciler.ensureFinalizer(
          entry.type,
          service.get(entry.type, namespace, claim.name).object,
          attempt.at,
        );
      } else if (claim.portal) {
        service.apply(entry.type, namespace, claim.name, manifest, 'main', {
          fieldManager: 'fractal',
          now: attempt.at,
        });
      } else {
        service.patch(
          entry.type,
          namespace,
          claim.name,
          PATCH_TYPES.merge,
          { spec: { parameters: attempt.parameters } },
          'main',
          {
            fieldManager: 'kubectl-edit',
            now: attempt.at,
          },
        );
      }
      const stored = service.get(entry.type, namespace, claim.name);
      reconciler.startAttempt(
        storageKey,
        stored,
        { outcome: attempt.outcome, delayMs: attempt.delayMs },
        attempt.at,
        true,
      );
      const doneAt = attempt.at + attempt.delayMs;
      const nextAt = claim.attempts[index + 1]?.at ?? Infinity;
      if (
        attempt.outcome !== 'stuck' &&
        doneAt < settings.now &&
        doneAt < nextAt
      ) {
        const generation = Number(
          (stored.object.metadata as JsonObject).generation ?? 1,
        );
        reconciler.complete(storageKey, key, generation, doneAt);
      }
    });
    if (claim.deleteAt !== undefined && claim.deleteAt < settings.now) {
      cluster.service.delete(entry.type, namespace, claim.name, {
        now: claim.deleteAt,
      });
      reconciler.beginDeletion(storageKey, key, claim.deleteAt);
      reconciler.finishDeletion(storageKey, key, claim.deleteAt + 2 * SECOND);
    }
  }
  return claims.length;
}
