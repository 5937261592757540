import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  SIGNAL_CHANNEL_RESOURCE_STATUS,
  type ResourceState,
} from '@fractal/backstage-plugin-platform-common';
import type { ResourceChange } from '../cache/ResourceChange';
import { tenantGroupRef } from '../permissions/isTenantMember';

/** The message pushed on `platform:resource-status`; clients refetch through the API. */
export interface ResourceStatusSignal {
  [key: string]: string | undefined;
  cluster: string;
  uid: string;
  tenant?: string;
  state: ResourceState;
}

/** True for changes a browser should hear about. */
export function isSignalWorthy(change: ResourceChange): boolean {
  if (change.type === 'added') return !change.initial;
  if (change.type === 'deleted') return true;
  return change.previousStatus?.state !== change.status.state;
}

/**
 * Pushes resource status changes on the signals channel
 * `platform:resource-status` to the members of the resource's tenant Group
 * and of the platform team. The signals backend matches recipients against
 * each connection's ownership refs, so a Group ref reaches its members. Only
 * `{ cluster, uid, tenant, state }` is sent: the browser refetches through
 * the API, where permissions apply. Resources first seen by the initial list
 * are not pushed.
 */
export function createStatusSignalPublisher(options: {
  signals: SignalsService;
  /** Entity ref of the platform team Group. */
  platformTeamRef: string;
  logger: LoggerService;
}) {
  return async (change: ResourceChange): Promise<void> => {
    if (!isSignalWorthy(change)) return;
    const recipients = [options.platformTeamRef];
    if (change.tenant) recipients.push(tenantGroupRef(change.tenant));
    const message: ResourceStatusSignal = {
      cluster: change.cluster,
      uid: change.object.metadata.uid,
      state: change.status.state,
    };
    if (change.tenant) message.tenant = change.tenant;
    await options.signals.publish({
      recipients: { type: 'user', entityRef: recipients },
      channel: SIGNAL_CHANNEL_RESOURCE_STATUS,
      message: message as Record<string, string>,
    });
  };
}
