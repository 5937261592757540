import { mockServices } from '@backstage/backend-test-utils';
import { ChangeEmitter } from './ChangeEmitter';
import type { ResourceChange } from './ResourceChange';

function change(
  uid: string,
  type: ResourceChange['type'] = 'modified',
): ResourceChange {
  return {
    type,
    cluster: 'dev',
    kind: {
      group: 'g',
      version: 'v1',
      kind: 'K',
      plural: 'ks',
      scope: 'Namespaced',
      title: 'K',
      clusters: ['dev'],
      source: 'crd-selector',
    },
    object: { apiVersion: 'g/v1', kind: 'K', metadata: { name: uid, uid } },
    status: { state: 'Ready' },
    observedAt: new Date(0),
    initial: false,
  };
}

describe('ChangeEmitter', () => {
  it('delivers in order to each listener, one at a time, without a slow one blocking a fast one', async () => {
    const emitter = new ChangeEmitter(mockServices.logger.mock());
    const slow: string[] = [];
    const fast: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    emitter.subscribe('slow', async c => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await gate;
      slow.push(c.object.metadata.uid);
      inFlight -= 1;
    });
    emitter.subscribe('fast', c => {
      fast.push(c.object.metadata.uid);
    });
    ['a', 'b', 'c'].forEach(uid => emitter.emit(change(uid)));
    await new Promise(resolve => setImmediate(resolve));
    expect(fast).toEqual(['a', 'b', 'c']);
    expect(slow).toEqual([]);
    release();
    await emitter.whenIdle();
    expect(slow).toEqual(['a', 'b', 'c']);
    expect(maxInFlight).toBe(1);
  });

  it('logs a failing listener with the resource and keeps delivering', async () => {
    const logger = mockServices.logger.mock();
    const emitter = new ChangeEmitter(logger);
    const seen: string[] = [];
    emitter.subscribe('history', async c => {
      seen.push(c.object.metadata.uid);
      if (c.object.metadata.uid === 'bad') throw new Error('db down');
    });
    emitter.emit(change('bad'));
    emitter.emit(change('good'));
    await emitter.whenIdle();
    expect(seen).toEqual(['bad', 'good']);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining("listener 'history' failed: Error: db down"),
      { cluster: 'dev', uid: 'bad', type: 'modified' },
    );
  });

  it('stops delivering after unsubscribe and handles large bursts', async () => {
    const emitter = new ChangeEmitter(mockServices.logger.mock());
    let count = 0;
    const unsubscribe = emitter.subscribe('count', () => {
      count += 1;
    });
    for (let i = 0; i < 5000; i++) emitter.emit(change(`u${i}`));
    await emitter.whenIdle();
    expect(count).toBe(5000);
    unsubscribe();
    emitter.emit(change('late'));
    await emitter.whenIdle();
    expect(count).toBe(5000);
  });
});
