import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  StatusRule,
  StatusRuleSet,
} from '@fractal/backstage-plugin-platform-common';

/**
 * The interface of {@link platformStatusRulesExtensionPoint}.
 *
 * @public
 */
export interface PlatformStatusRulesExtensionPoint {
  /**
   * Adds status rules that run before Fractal's built-in rules, keyed by
   * `group/kind` (core group written `core`) or `group/*`. A rule returns a
   * status to decide, or `undefined` to let the next rule decide. Rules added
   * for the same key run in the order they were added.
   */
  addStatusRules(rules: StatusRuleSet): void;
}

/**
 * Lets a backend module of the `platform` plugin override how the state of an
 * object of a given kind is summarized, e.g. for a home-grown operator that
 * reports `status.phase: Provisioned` instead of a Ready condition.
 *
 * @example
 * ```ts
 * env.registerInit({
 *   deps: { rules: platformStatusRulesExtensionPoint },
 *   async init({ rules }) {
 *     rules.addStatusRules({
 *       'db.example.com/Database': obj =>
 *         (obj.status as any)?.phase === 'Provisioned'
 *           ? { state: 'Ready', reason: 'Provisioned' }
 *           : undefined,
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const platformStatusRulesExtensionPoint =
  createExtensionPoint<PlatformStatusRulesExtensionPoint>({
    id: 'platform.status-rules',
  });

/** Re-exported for modules implementing rules. @public */
export type { StatusRule, StatusRuleSet };
