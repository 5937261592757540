import type { AttemptRecord } from './AttemptStore';

/**
 * A transition of a provisioning attempt won by this replica's write: the
 * first Ready, the first failure, or stuck past its SLO. Exactly one replica
 * emits each, so consumers (notifications, telemetry) act once per attempt.
 */
export interface ProvisioningEvent {
  type: 'ready' | 'failed' | 'stuck';
  attempt: AttemptRecord;
}

/** Receives won transitions after they are committed. */
export type ProvisioningEventListener = (
  event: ProvisioningEvent,
) => void | Promise<void>;
