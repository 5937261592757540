import { isJsonObject, JsonObject } from '../util/json';
import { EmulatorLogger } from '../util/logger';
import { KubeObject, kubeTime, metaString } from '../util/objects';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { EVENT_TYPE } from '../store/builtinTypes';
import { PATCH_TYPES } from '../service/ObjectService';

/** Who reports an event (`source.component` / `reportingComponent`). */
export type EventSource = string;

/**
 * Writes core/v1 Events about objects, aggregating repeats (count and
 * lastTimestamp), and expires them after a TTL as the API server does.
 */
export class EventRecorder {
  private readonly recent = new Map<
    string,
    { namespace: string; name: string; count: number }
  >();

  constructor(
    private readonly cluster: EmulatedCluster,
    private readonly ttlMs: number,
    private readonly logger: EmulatorLogger,
  ) {}

  record(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    at: number,
  ): void {
    if (this.cluster.core.now() - at > this.ttlMs) {
      return;
    }
    const uid = metaString(involved, 'uid') ?? '';
    const namespace = metaString(involved, 'namespace') ?? 'default';
    const key = `${uid}\n${type}\n${reason}\n${message}`;
    const time = kubeTime(at);
    const existing = this.recent.get(key);
    const service = this.cluster.service;
    try {
      if (
        existing &&
        service.find(EVENT_TYPE, existing.namespace, existing.name)
      ) {
        existing.count += 1;
        service.patch(
          EVENT_TYPE,
          existing.namespace,
          existing.name,
          PATCH_TYPES.merge,
          { count: existing.count, lastTimestamp: time },
          'main',
          { fieldManager: source, now: at },
        );
        return;
      }
      const involvedName = metaString(involved, 'name') ?? '';
      const suffix = (
        BigInt(Math.floor(at)) * 1000000n +
        BigInt(this.cluster.core.random.int(0, 999999))
      ).toString(16);
      const involvedObject: JsonObject = {
        apiVersion: String(involved.apiVersion ?? ''),
        kind: String(involved.kind ?? ''),
        name: involvedName,
        uid,
        resourceVersion: metaString(involved, 'resourceVersion') ?? '',
      };
      if (metaString(involved, 'namespace'))
        involvedObject.namespace = namespace;
      const name = `${involvedName}.${suffix}`;
      service.create(
        EVENT_TYPE,
        namespace,
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace },
          involvedObject,
          reason,
          message,
          type,
          source: { component: source },
          reportingComponent: source,
          reportingInstance: `${source}-${this.cluster.name}`,
          firstTimestamp: time,
          lastTimestamp: time,
          count: 1,
          eventTime: null,
        },
        { fieldManager: source, now: at },
      );
      this.recent.set(key, { namespace, name, count: 1 });
    } catch (error) {
      this.logger.warn('could not record an event', {
        cluster: this.cluster.name,
        reason,
        error: String(error),
      });
    }
  }

  /** Deletes events whose last occurrence is older than the TTL. */
  sweep(): void {
    const cutoff = this.cluster.core.now() - this.ttlMs;
    const table = this.cluster.core.store.table(EVENT_TYPE.storageKey);
    for (const stored of [...table.objects.values()]) {
      const last = stored.object.lastTimestamp;
      const created = isJsonObject(stored.object.metadata)
        ? stored.object.metadata.creationTimestamp
        : undefined;
      const when = Date.parse(
        String(typeof last === 'string' ? last : created ?? ''),
      );
      if (!Number.isNaN(when) && when < cutoff) {
        try {
          this.cluster.service.removeNow(EVENT_TYPE, stored);
        } catch (error) {
          this.logger.warn('could not expire an event', {
            cluster: this.cluster.name,
            error: String(error),
          });
        }
      }
    }
    for (const [key, entry] of this.recent) {
      if (!this.cluster.service.find(EVENT_TYPE, entry.namespace, entry.name))
        this.recent.delete(key);
    }
  }
}
