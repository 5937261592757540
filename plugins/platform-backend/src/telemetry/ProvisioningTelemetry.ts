import type {
  Attributes,
  Histogram,
  Meter,
  ObservableGauge,
  ObservableResult,
} from '@opentelemetry/api';
import type { ProvisioningEvent } from '../history/ProvisioningEvent';

/** One platform resource as the cache holds it, for the state gauge. */
export interface ResourceStateSample {
  cluster: string;
  kind: string;
  tenant?: string;
  state: string;
}

/** What the telemetry needs of an OpenTelemetry meter. */
export type TelemetryMeter = Pick<
  Meter,
  'createHistogram' | 'createObservableGauge'
>;

/** Bucket boundaries of the duration histogram, seconds (5 s .. 4 h). */
export const DURATION_BUCKETS_SECONDS = [
  5, 10, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200, 14400,
];

/**
 * OpenTelemetry metrics of provisioning:
 * - `platform.provisioning.duration` (histogram, s; by kind, tenant, cluster,
 *   outcome `ready` | `failed`): start to first Ready or first failure, recorded
 *   by the replica that won the write, so replicas never double count;
 * - `platform.resources` (observable gauge; by cluster, kind, tenant, state):
 *   resources in the status cache, read at each collection from a snapshot
 *   callback. Every replica reports its own cache: aggregate with max, not sum.
 */
export class ProvisioningTelemetry {
  private readonly duration: Histogram;
  private readonly gauge?: ObservableGauge;

  constructor(
    meter: TelemetryMeter,
    resourceStates?: () => Iterable<ResourceStateSample>,
  ) {
    this.duration = meter.createHistogram('platform.provisioning.duration', {
      description:
        'Time from the start of a provisioning attempt to its first Ready or failure',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_SECONDS },
    });
    if (resourceStates) {
      this.gauge = meter.createObservableGauge('platform.resources', {
        description: 'Platform resources in the status cache, by state',
        unit: '{resource}',
      });
      this.gauge.addCallback(result => observeStates(result, resourceStates()));
    }
  }

  /** Records a won Ready or failed transition (stuck attempts have no duration yet). */
  readonly record = (event: ProvisioningEvent): void => {
    const { attempt } = event;
    const end = event.type === 'ready' ? attempt.readyAt : attempt.failedAt;
    if (event.type === 'stuck' || end === undefined) return;
    this.duration.record(Math.max(0, end - attempt.startedAt) / 1000, {
      kind: attempt.kind,
      tenant: attempt.tenant ?? '',
      cluster: attempt.cluster,
      outcome: event.type,
    });
  };
}

/** Counts samples by (cluster, kind, tenant, state) and observes each count. */
export function observeStates(
  result: ObservableResult<Attributes>,
  samples: Iterable<ResourceStateSample>,
): void {
  const counts = new Map<string, { attributes: Attributes; count: number }>();
  for (const sample of samples) {
    const attributes = {
      cluster: sample.cluster,
      kind: sample.kind,
      tenant: sample.tenant ?? '',
      state: sample.state,
    };
    const key = JSON.stringify(attributes);
    const entry = counts.get(key) ?? { attributes, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  for (const { attributes, count } of counts.values()) {
    result.observe(count, attributes);
  }
}
