import type { ResourceEvent } from '@fractal/backstage-plugin-platform-common';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

function firstNumber(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === 'number');
}

/** A core/v1 Event as cached: its uid, the uid it involves, and the API shape. */
export interface CachedEvent {
  metadata: { uid: string; resourceVersion?: string };
  involvedUid: string;
  group: string;
  event: ResourceEvent;
}

/**
 * Parses a core/v1 Event (managedFields and the rest dropped). Returns
 * undefined for events without an involved object uid.
 */
export function parseEvent(
  cluster: string,
  raw: unknown,
): CachedEvent | undefined {
  if (
    !isRecord(raw) ||
    !isRecord(raw.metadata) ||
    !isRecord(raw.involvedObject)
  ) {
    return undefined;
  }
  const uid = str(raw.metadata.uid);
  const involved = raw.involvedObject;
  const involvedUid = str(involved.uid);
  const apiVersion = str(involved.apiVersion) ?? '';
  if (!uid || !involvedUid) return undefined;
  const series = isRecord(raw.series) ? raw.series : {};
  const last =
    str(raw.lastTimestamp) ??
    str(series.lastObservedTime) ??
    str(raw.eventTime);
  const event: ResourceEvent = {
    type: str(raw.type) ?? 'Normal',
    reason: str(raw.reason) ?? '',
    message: str(raw.message) ?? '',
    count: firstNumber(raw.count, series.count) ?? 1,
    involvedObject: {
      cluster,
      apiVersion,
      kind: str(involved.kind) ?? '',
      name: str(involved.name) ?? '',
      ...(str(involved.namespace)
        ? { namespace: str(involved.namespace) }
        : {}),
      uid: involvedUid,
    },
  };
  const first = str(raw.firstTimestamp) ?? str(raw.eventTime);
  if (first) event.firstTimestamp = first;
  if (last) event.lastTimestamp = last;
  return {
    metadata: { uid, resourceVersion: str(raw.metadata.resourceVersion) },
    involvedUid,
    group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '',
    event,
  };
}

/** Bounds of an {@link EventStore}. */
export interface EventStoreLimits {
  maxPerObject: number;
  maxPerCluster: number;
}

/**
 * The Events of one cluster, bounded twice: the most recent `maxPerObject`
 * per involved object, and `maxPerCluster` in all (the least recently
 * written go first).
 */
export class EventStore {
  /** Insertion-ordered: the first entry is the least recently written. */
  private readonly byUid = new Map<string, CachedEvent>();
  private readonly byInvolved = new Map<string, Map<string, CachedEvent>>();

  constructor(private readonly limits: EventStoreLimits) {}

  get size(): number {
    return this.byUid.size;
  }

  upsert(event: CachedEvent): void {
    this.delete(event.metadata.uid);
    this.byUid.set(event.metadata.uid, event);
    let forObject = this.byInvolved.get(event.involvedUid);
    if (!forObject) {
      forObject = new Map();
      this.byInvolved.set(event.involvedUid, forObject);
    }
    forObject.set(event.metadata.uid, event);
    if (forObject.size > this.limits.maxPerObject) {
      const oldest = [...forObject.values()].sort((a, b) =>
        (a.event.lastTimestamp ?? '').localeCompare(
          b.event.lastTimestamp ?? '',
        ),
      )[0];
      this.delete(oldest.metadata.uid);
    }
    while (this.byUid.size > this.limits.maxPerCluster) {
      const [first] = this.byUid.keys();
      this.delete(first);
    }
  }

  delete(uid: string): void {
    const existing = this.byUid.get(uid);
    if (!existing) return;
    this.byUid.delete(uid);
    const forObject = this.byInvolved.get(existing.involvedUid);
    forObject?.delete(uid);
    if (forObject && forObject.size === 0) {
      this.byInvolved.delete(existing.involvedUid);
    }
  }

  /** Events involving any of the uids, most recent first. */
  forObjects(uids: Iterable<string>, limit: number): ResourceEvent[] {
    const out: ResourceEvent[] = [];
    for (const uid of uids) {
      for (const cached of this.byInvolved.get(uid)?.values() ?? []) {
        out.push(cached.event);
      }
    }
    out.sort((a, b) =>
      (b.lastTimestamp ?? '').localeCompare(a.lastTimestamp ?? ''),
    );
    return out.slice(0, limit);
  }
}
