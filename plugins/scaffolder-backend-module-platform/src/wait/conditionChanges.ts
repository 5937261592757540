import {
  readConditions,
  type Condition,
  type KubernetesObjectLike,
} from '@fractal/backstage-plugin-platform-common';

/** A condition that appeared or changed status, reason or message. */
export interface ConditionChange {
  condition: Condition;
  previous?: Condition;
}

function same(a: Condition, b: Condition): boolean {
  return (
    a.status === b.status &&
    a.reason === b.reason &&
    a.message === b.message &&
    a.observedGeneration === b.observedGeneration
  );
}

/**
 * Tracks an object's conditions across updates and reports, per update, the
 * conditions that appeared or changed (in the object's order).
 */
export class ConditionTracker {
  private readonly byType = new Map<string, Condition>();

  update(object: KubernetesObjectLike): ConditionChange[] {
    const changes: ConditionChange[] = [];
    for (const condition of readConditions(object)) {
      const previous = this.byType.get(condition.type);
      if (!previous || !same(previous, condition)) {
        changes.push(previous ? { condition, previous } : { condition });
        this.byType.set(condition.type, condition);
      }
    }
    return changes;
  }

  current(): Condition[] {
    return [...this.byType.values()];
  }
}

/** `Ready=False (Creating): the message`. */
export function describeCondition(condition: Condition): string {
  const reason = condition.reason ? ` (${condition.reason})` : '';
  const message = condition.message ? `: ${condition.message}` : '';
  return `${condition.type}=${condition.status}${reason}${message}`;
}
