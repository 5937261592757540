import {
  computeResourceStatus,
  type ComputeResourceStatusOptions,
  type KubernetesObjectLike,
  type ResourceStatus,
  type StatusRule,
  type StatusRuleSet,
} from '@fractal/backstage-plugin-platform-common';

/**
 * Applies Fractal's status rules (from platform-common) with the per-kind
 * overrides modules added through `platformStatusRulesExtensionPoint`, at the
 * injectable current time. The single place the backend calls the rules.
 */
export class StatusEvaluator {
  private readonly overrides: Record<string, StatusRule[]> = {};

  constructor(private readonly now: () => number = Date.now) {}

  /** Adds rules; rules for the same key run in the order they were added. */
  addRules(rules: StatusRuleSet): void {
    for (const [key, value] of Object.entries(rules)) {
      const list = (this.overrides[key] ??= []);
      if (typeof value === 'function') list.push(value);
      else list.push(...value);
    }
  }

  /** Options for `computeResourceStatus` and `buildResourceTree`. */
  options(): ComputeResourceStatusOptions {
    return { now: this.now(), overrides: this.overrides };
  }

  evaluate(object: KubernetesObjectLike): ResourceStatus {
    return computeResourceStatus(object, this.options());
  }
}

/** True when two statuses would read the same to a user. */
export function sameStatus(
  a: ResourceStatus | undefined,
  b: ResourceStatus,
): boolean {
  return (
    a !== undefined &&
    a.state === b.state &&
    a.reason === b.reason &&
    a.message === b.message
  );
}
