import type {
  Attributes,
  Histogram,
  ObservableCallback,
  ObservableGauge,
  ObservableResult,
} from '@opentelemetry/api';
import type { AttemptRecord } from '../history/AttemptStore';
import {
  ProvisioningTelemetry,
  type TelemetryMeter,
} from './ProvisioningTelemetry';

function fakeMeter() {
  const recorded: Array<[number, Attributes | undefined]> = [];
  const callbacks: ObservableCallback[] = [];
  const histogram: Histogram = {
    record: (value, attributes) => {
      recorded.push([value, attributes]);
    },
  };
  const gauge: ObservableGauge = {
    addCallback: cb => {
      callbacks.push(cb);
    },
    removeCallback: () => {},
  };
  const meter: TelemetryMeter = {
    createHistogram: () => histogram,
    createObservableGauge: () => gauge,
  };
  const collect = async () => {
    const observed: Array<[number, Attributes | undefined]> = [];
    const result: ObservableResult = {
      observe: (value, attributes) => {
        observed.push([value, attributes]);
      },
    };
    for (const cb of callbacks) await cb(result);
    return observed;
  };
  return { meter, recorded, collect };
}

const attempt: AttemptRecord = {
  id: 1,
  cluster: 'dev',
  uid: 'u',
  generation: 1,
  kind: 'Bucket',
  name: 'b',
  tenant: 'payments',
  createdViaPortal: true,
  startedAt: 1_000,
  estimated: false,
};

describe('ProvisioningTelemetry', () => {
  it.each([
    [
      'ready',
      { readyAt: 61_000 },
      [
        [
          60,
          {
            kind: 'Bucket',
            tenant: 'payments',
            cluster: 'dev',
            outcome: 'ready',
          },
        ],
      ],
    ],
    [
      'failed',
      { failedAt: 3_500 },
      [
        [
          2.5,
          {
            kind: 'Bucket',
            tenant: 'payments',
            cluster: 'dev',
            outcome: 'failed',
          },
        ],
      ],
    ],
    ['stuck', { stuckAt: 601_000 }, []],
  ] as const)(
    'records the duration of a %s transition',
    (type, extra, expected) => {
      const { meter, recorded } = fakeMeter();
      new ProvisioningTelemetry(meter).record({
        type,
        attempt: { ...attempt, ...extra },
      });
      expect(recorded).toEqual(expected);
    },
  );

  it('observes resources by cluster, kind, tenant and state from the cache snapshot', async () => {
    const { meter, collect } = fakeMeter();
    const states = [
      { cluster: 'dev', kind: 'Bucket', tenant: 'payments', state: 'Ready' },
      { cluster: 'dev', kind: 'Bucket', tenant: 'payments', state: 'Ready' },
      { cluster: 'dev', kind: 'Bucket', state: 'Failed' },
    ];
    const telemetry = new ProvisioningTelemetry(meter, () => states);
    expect(telemetry).toBeDefined();
    expect(await collect()).toEqual([
      [
        2,
        { cluster: 'dev', kind: 'Bucket', tenant: 'payments', state: 'Ready' },
      ],
      [1, { cluster: 'dev', kind: 'Bucket', tenant: '', state: 'Failed' }],
    ]);
  });
});
