import { CustomErrorBase } from '@backstage/errors';
import type { ResourceEvent } from '@fractal/backstage-plugin-platform-common';

/** Shows the latest Events of a failed resource, newest last. */
export function describeEvents(events: ResourceEvent[]): string {
  if (events.length === 0) return 'No Events were recorded.';
  return `Latest Events:\n${events
    .map(
      e =>
        `  ${e.lastTimestamp ?? ''} ${e.type} ${e.reason}${
          e.count > 1 ? ` (x${e.count})` : ''
        } on ${e.involvedObject.kind} ${e.involvedObject.name}: ${e.message}`,
    )
    .join('\n')}`;
}

/** The resource reached a failed state (status rules from platform-common). */
export class ProvisioningFailedError extends CustomErrorBase {
  name = 'ProvisioningFailedError' as const;

  constructor(
    message: string,
    /** The status reason, e.g. `ReconcileError`. */
    readonly reason: string,
    readonly events: ResourceEvent[],
  ) {
    super(message);
  }
}

/** The resource was not Ready within the timeout. */
export class ProvisioningTimeoutError extends CustomErrorBase {
  name = 'ProvisioningTimeoutError' as const;
  readonly reason = 'Timeout';

  constructor(message: string, readonly events: ResourceEvent[]) {
    super(message);
  }
}
