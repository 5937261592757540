import { isJsonObject, JsonObject, JsonValue } from '../util/json';
import { kubeTime } from '../util/objects';

/** A condition to set. */
export interface ConditionUpdate {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message?: string;
  observedGeneration?: number;
}

/**
 * Merges condition updates into a list by type. `lastTransitionTime` moves
 * only when a condition's status changes, as `meta.SetStatusCondition` does.
 */
export function setConditions(
  existing: JsonValue | undefined,
  updates: ConditionUpdate[],
  atMs: number,
): JsonObject[] {
  const list: JsonObject[] = Array.isArray(existing)
    ? existing.filter(isJsonObject).map(c => ({ ...c }))
    : [];
  for (const update of updates) {
    const index = list.findIndex(c => c.type === update.type);
    const previous = index >= 0 ? list[index] : undefined;
    const condition: JsonObject = {
      type: update.type,
      status: update.status,
      reason: update.reason,
      lastTransitionTime:
        previous &&
        previous.status === update.status &&
        typeof previous.lastTransitionTime === 'string'
          ? previous.lastTransitionTime
          : kubeTime(atMs),
    };
    if (update.message) condition.message = update.message;
    if (update.observedGeneration !== undefined)
      condition.observedGeneration = update.observedGeneration;
    if (index >= 0) list[index] = condition;
    else list.push(condition);
  }
  return list;
}

/** `Synced=True/ReconcileSuccess`. */
export const syncedOk = (observedGeneration: number): ConditionUpdate => ({
  type: 'Synced',
  status: 'True',
  reason: 'ReconcileSuccess',
  observedGeneration,
});

/** `Synced=False/ReconcileError` with a message. */
export const syncError = (
  observedGeneration: number,
  message: string,
): ConditionUpdate => ({
  type: 'Synced',
  status: 'False',
  reason: 'ReconcileError',
  message,
  observedGeneration,
});

/** `Ready=False/Creating`, optionally saying what is not ready yet. */
export const readyCreating = (
  observedGeneration: number,
  message?: string,
): ConditionUpdate => ({
  type: 'Ready',
  status: 'False',
  reason: 'Creating',
  ...(message ? { message } : {}),
  observedGeneration,
});

/** `Ready=True/Available`. */
export const readyAvailable = (
  observedGeneration: number,
): ConditionUpdate => ({
  type: 'Ready',
  status: 'True',
  reason: 'Available',
  observedGeneration,
});

/** `Ready=False/Deleting`. */
export const readyDeleting = (observedGeneration: number): ConditionUpdate => ({
  type: 'Ready',
  status: 'False',
  reason: 'Deleting',
  observedGeneration,
});
