import { isRecord } from './readObjectFacts';
import { statusFromCondition } from './statusFromCondition';
import type { StatusRule, StatusRuleSet } from './types';

function numberAt(value: unknown, key: string): number | undefined {
  if (!isRecord(value)) return undefined;
  const found = value[key];
  return typeof found === 'number' && Number.isFinite(found)
    ? found
    : undefined;
}

/** Pods: phase Failed is Failed, Succeeded is Ready, Pending is InProgress; Running defers to the Ready condition. */
const podRule: StatusRule = (_object, { facts, condition }) => {
  switch (facts.phase) {
    case 'Failed':
      return { state: 'Failed', reason: 'PodFailed', message: 'Phase Failed' };
    case 'Succeeded':
      return {
        state: 'Ready',
        reason: 'PodSucceeded',
        message: 'Phase Succeeded',
      };
    case 'Pending': {
      const scheduled = condition('PodScheduled');
      return scheduled
        ? statusFromCondition('InProgress', scheduled, 'Pending')
        : { state: 'InProgress', reason: 'Pending', message: 'Phase Pending' };
    }
    default:
      return undefined;
  }
};

/** Deployments: a passed progress deadline is Failed; a rollout short of its replicas is InProgress. */
const deploymentRule: StatusRule = (object, { condition }) => {
  const progressing = condition('Progressing');
  if (
    progressing?.status === 'False' &&
    progressing.reason === 'ProgressDeadlineExceeded'
  ) {
    return statusFromCondition('Failed', progressing);
  }
  const wanted = numberAt(object.spec, 'replicas') ?? 1;
  const updated = numberAt(object.status, 'updatedReplicas') ?? 0;
  const available = numberAt(object.status, 'availableReplicas') ?? 0;
  const total = numberAt(object.status, 'replicas') ?? 0;
  if (updated < wanted || available < wanted || total > updated) {
    return {
      state: 'InProgress',
      reason: 'RollingOut',
      message: `${updated} of ${wanted} replicas updated, ${available} available`,
    };
  }
  const availableCondition = condition('Available');
  return availableCondition
    ? statusFromCondition(
        availableCondition.status === 'True' ? 'Ready' : 'InProgress',
        availableCondition,
      )
    : {
        state: 'Ready',
        reason: 'Available',
        message: `${available} replicas available`,
      };
};

/** ReplicaSets: ready replicas against the wanted count. */
const replicaSetRule: StatusRule = object => {
  const wanted = numberAt(object.spec, 'replicas') ?? 1;
  const ready = numberAt(object.status, 'readyReplicas') ?? 0;
  return ready < wanted
    ? {
        state: 'InProgress',
        reason: 'ReplicasNotReady',
        message: `${ready} of ${wanted} replicas ready`,
      }
    : {
        state: 'Ready',
        reason: 'ReplicasReady',
        message: `${ready} replicas ready`,
      };
};

/** StatefulSets: ready and updated replicas against the wanted count. */
const statefulSetRule: StatusRule = object => {
  const wanted = numberAt(object.spec, 'replicas') ?? 1;
  const ready = numberAt(object.status, 'readyReplicas') ?? 0;
  const updated = numberAt(object.status, 'updatedReplicas') ?? 0;
  if (ready < wanted || updated < wanted) {
    return {
      state: 'InProgress',
      reason: 'RollingOut',
      message: `${ready} of ${wanted} replicas ready, ${updated} updated`,
    };
  }
  return {
    state: 'Ready',
    reason: 'ReplicasReady',
    message: `${ready} replicas ready`,
  };
};

/** Jobs: `Complete=True` is Ready, `Failed=True` is Failed. */
const jobRule: StatusRule = (_object, { condition }) => {
  const failed = condition('Failed');
  if (failed?.status === 'True') return statusFromCondition('Failed', failed);
  const complete = condition('Complete');
  if (complete?.status === 'True')
    return statusFromCondition('Ready', complete);
  return {
    state: 'InProgress',
    reason: 'Running',
    message: 'The job has not completed',
  };
};

/** Services: a LoadBalancer is InProgress until it has an ingress; others are Ready. */
const serviceRule: StatusRule = object => {
  const type = isRecord(object.spec) ? object.spec.type : undefined;
  if (type !== 'LoadBalancer') {
    return { state: 'Ready', reason: 'Exists', message: 'The service exists' };
  }
  const loadBalancer = isRecord(object.status)
    ? object.status.loadBalancer
    : undefined;
  const ingress = isRecord(loadBalancer) ? loadBalancer.ingress : undefined;
  return Array.isArray(ingress) && ingress.length > 0
    ? {
        state: 'Ready',
        reason: 'LoadBalancerReady',
        message: 'The load balancer has an ingress',
      }
    : {
        state: 'InProgress',
        reason: 'LoadBalancerPending',
        message: 'Waiting for a load balancer ingress',
      };
};

/** Objects that are Ready as soon as they exist. */
const existsRule: StatusRule = () => ({
  state: 'Ready',
  reason: 'Exists',
  message: 'The object exists',
});

/**
 * Built-in rules for core kinds that report readiness without (or besides)
 * conditions. They run after the kstatus rules (deletion, observed
 * generation, Reconciling, Stalled) and before the condition rules; a
 * caller's overrides run before all of them. Namespaces and
 * PersistentVolumeClaims are covered by the generic phase rule.
 * @public
 */
export const CORE_KIND_STATUS_RULES: StatusRuleSet = {
  'core/Pod': podRule,
  'core/Service': serviceRule,
  'core/ConfigMap': existsRule,
  'core/Secret': existsRule,
  'apps/Deployment': deploymentRule,
  'apps/ReplicaSet': replicaSetRule,
  'apps/StatefulSet': statefulSetRule,
  'batch/Job': jobRule,
};
