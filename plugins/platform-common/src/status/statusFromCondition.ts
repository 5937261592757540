import type { Condition, ResourceState, ResourceStatus } from '../api/types';

/**
 * A status decided by one condition: its reason (or `fallbackReason`), its
 * message and, as `since`, its `lastTransitionTime`.
 * @public
 */
export function statusFromCondition(
  state: ResourceState,
  condition: Condition,
  fallbackReason: string = condition.type,
): ResourceStatus {
  const status: ResourceStatus = {
    state,
    reason: condition.reason ?? fallbackReason,
  };
  if (condition.message !== undefined) status.message = condition.message;
  if (condition.lastTransitionTime !== undefined) {
    status.since = condition.lastTransitionTime;
  }
  return status;
}
