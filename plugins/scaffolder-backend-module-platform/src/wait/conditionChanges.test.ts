import type { Condition } from '@fractal/backstage-plugin-platform-common';
import { ConditionTracker, describeCondition } from './conditionChanges';

const object = (conditions: object[]) => ({ status: { conditions } });

describe('ConditionTracker', () => {
  it('reports conditions that appear or change, once', () => {
    const tracker = new ConditionTracker();
    const synced = {
      type: 'Synced',
      status: 'True',
      reason: 'ReconcileSuccess',
    };
    const creating = { type: 'Ready', status: 'False', reason: 'Creating' };
    const ready = { type: 'Ready', status: 'True', reason: 'Available' };
    expect(
      tracker
        .update(object([synced, creating]))
        .map(c => describeCondition(c.condition)),
    ).toEqual(['Synced=True (ReconcileSuccess)', 'Ready=False (Creating)']);
    expect(tracker.update(object([synced, creating]))).toEqual([]);
    expect(tracker.update(object([synced, ready]))).toEqual([
      {
        condition: expect.objectContaining(ready),
        previous: expect.objectContaining(creating),
      },
    ]);
  });

  it.each<[Condition, string]>([
    [{ type: 'Ready', status: 'True' }, 'Ready=True'],
    [
      {
        type: 'Synced',
        status: 'False',
        reason: 'ReconcileError',
        message: 'quota exceeded',
      },
      'Synced=False (ReconcileError): quota exceeded',
    ],
  ])('describes %j as %s', (condition, text) => {
    expect(describeCondition(condition)).toBe(text);
  });
});
