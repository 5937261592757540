import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ProvisioningEventListener } from '../history/ProvisioningEvent';
import { provisioningNotification } from './provisioningNotification';

/**
 * Sends a notification for each provisioning transition this replica won
 * (Ready, failed, stuck): at most once per attempt and outcome across
 * replicas. A failed send is logged; the history itself is already written.
 */
export function createProvisioningNotifier(options: {
  notifications: NotificationService;
  logger: LoggerService;
}): ProvisioningEventListener {
  return async event => {
    const notification = provisioningNotification(event);
    if (!notification) return;
    try {
      await options.notifications.send(notification);
    } catch (error) {
      options.logger.error('Could not send a provisioning notification', {
        type: event.type,
        cluster: event.attempt.cluster,
        uid: event.attempt.uid,
        generation: event.attempt.generation,
        error: String(error),
      });
    }
  };
}
