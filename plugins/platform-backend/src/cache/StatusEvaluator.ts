import {
  computeResourceStatus,
  DEFAULT_PERSISTENT_ERROR_AFTER_MS,
  type ComputeResourceStatusOptions,
  type KubernetesObjectLike,
  type ResourceStatus,
  type StatusRule,
  type StatusRuleSet,
} from '@fractal/backstage-plugin-platform-common';

/** Options of {@link StatusEvaluator}. */
export interface StatusEvaluatorOptions {
  /** The current time (injectable for tests). */
  now?: () => number;
  /**
   * How long a `Synced=False`/`ReconcileError` must last to count as Failed
   * (`platform.provisioning.failureGracePeriod`). Default 5 minutes.
   */
  persistentErrorAfterMs?: number;
  /** Per-kind overrides, in the order they were added. */
  rules?: readonly StatusRuleSet[];
}

/**
 * Applies Fractal's status rules (from platform-common) with the per-kind
 * overrides modules added through `platformStatusRulesExtensionPoint`, at the
 * injectable current time and with the configured failure grace period. The
 * single place the backend calls the rules (the cache, trees, rechecks).
 */
export class StatusEvaluator {
  private readonly overrides: Record<string, StatusRule[]> = {};
  private readonly now: () => number;
  /** See {@link StatusEvaluatorOptions.persistentErrorAfterMs}. */
  readonly persistentErrorAfterMs: number;

  constructor(options: StatusEvaluatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.persistentErrorAfterMs =
      options.persistentErrorAfterMs ?? DEFAULT_PERSISTENT_ERROR_AFTER_MS;
    options.rules?.forEach(rules => this.addRules(rules));
  }

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
    return {
      now: this.now(),
      overrides: this.overrides,
      persistentErrorAfterMs: this.persistentErrorAfterMs,
    };
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
