import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { ProvisioningEvent } from '../history/ProvisioningEvent';

/** Notification topic of provisioning outcomes. */
export const PROVISIONING_TOPIC = 'platform-provisioning';

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}

/** The requester's entity ref, if the annotation holds a valid user ref. */
function requesterRef(requestedBy: string | undefined): string | undefined {
  if (!requestedBy) return undefined;
  let ref;
  try {
    ref = parseEntityRef(requestedBy, {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
  } catch {
    return undefined; // not an entity ref: nobody to address
  }
  const valid = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
  if (
    ref.kind.toLocaleLowerCase('en-US') !== 'user' ||
    !valid.test(ref.namespace) ||
    !valid.test(ref.name)
  ) {
    return undefined;
  }
  return stringifyEntityRef(ref);
}

/**
 * The notification of a won provisioning transition, to the requester
 * (`fractal.dev/requested-by`) and the tenant Group; undefined when there is
 * nobody to tell. The scope names the attempt, so a later outcome of the same
 * attempt (stuck, then Ready) updates the same notification.
 */
export function provisioningNotification(
  event: ProvisioningEvent,
): NotificationSendOptions | undefined {
  const { attempt } = event;
  const refs = new Set<string>();
  const requester = requesterRef(attempt.requestedBy);
  if (requester) refs.add(requester);
  if (attempt.tenant) {
    refs.add(
      stringifyEntityRef({
        kind: 'group',
        namespace: 'default',
        name: attempt.tenant,
      }),
    );
  }
  if (refs.size === 0) return undefined;

  const what = `${attempt.kind} ${
    attempt.namespace ? `${attempt.namespace}/` : ''
  }${attempt.name}`;
  const where = `on cluster ${attempt.cluster} (generation ${attempt.generation})`;
  let title: string;
  let description: string;
  let severity: 'normal' | 'high';
  switch (event.type) {
    case 'ready':
      title = `${what} is Ready`;
      description = `Provisioned ${where} in ${formatDuration(
        attempt.durationMs ?? 0,
      )}.`;
      severity = 'normal';
      break;
    case 'failed':
      title = `${what} failed`;
      description = `Provisioning ${where} failed${
        attempt.failureReason ? ` (${attempt.failureReason})` : ''
      }${attempt.failureMessage ? `: ${attempt.failureMessage}` : '.'}`;
      severity = 'high';
      break;
    default:
      title = `${what} is stuck`;
      description = `Not Ready ${where} after ${formatDuration(
        (attempt.stuckAt ?? attempt.startedAt) - attempt.startedAt,
      )}, its provisioning objective.`;
      severity = 'high';
  }
  return {
    recipients: { type: 'entity', entityRef: [...refs] },
    payload: {
      title,
      description,
      severity,
      topic: PROVISIONING_TOPIC,
      scope: `platform-attempt:${attempt.cluster}/${attempt.uid}/${attempt.generation}`,
    },
  };
}
