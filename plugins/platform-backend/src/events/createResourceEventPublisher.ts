import type { EventsService } from '@backstage/plugin-events-node';
import {
  EVENTS_TOPIC_PLATFORM_RESOURCE,
  type PlatformResourceChangeEvent,
} from '@fractal/backstage-plugin-platform-common';
import type { KubeObject, ResourceChange } from '../cache/ResourceChange';

function sameRecord(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): boolean {
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every(k => a?.[k] === b?.[k]);
}

function relabelled(previous: KubeObject | undefined, object: KubeObject) {
  return (
    !previous ||
    !sameRecord(previous.metadata.labels, object.metadata.labels) ||
    !sameRecord(previous.metadata.annotations, object.metadata.annotations)
  );
}

/** True for changes the catalog needs: resources appearing, going, relabelled or moved to another tenant. */
export function isCatalogRelevant(change: ResourceChange): boolean {
  if (change.type === 'added') return !change.initial;
  if (change.type === 'deleted') return true;
  return (
    relabelled(change.previous, change.object) ||
    change.previousTenant !== change.tenant
  );
}

/**
 * Announces catalog-relevant resource changes on the events service topic
 * `platform.resource` (payload: {@link PlatformResourceChangeEvent}), so the
 * catalog provider can refresh incrementally. Status-only changes are not
 * announced (they go to browsers through signals).
 */
export function createResourceEventPublisher(options: {
  events: EventsService;
}) {
  return async (change: ResourceChange): Promise<void> => {
    if (!isCatalogRelevant(change)) return;
    const { metadata } = change.object;
    const payload: PlatformResourceChangeEvent = {
      type: change.type,
      cluster: change.cluster,
      uid: metadata.uid,
      apiVersion: change.object.apiVersion,
      kind: change.object.kind,
      name: metadata.name,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      ...(change.tenant ? { tenant: change.tenant } : {}),
    };
    await options.events.publish({
      topic: EVENTS_TOPIC_PLATFORM_RESOURCE,
      eventPayload: payload,
    });
  };
}
