import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AttemptStore } from './AttemptStore';
import type {
  ProvisioningEvent,
  ProvisioningEventListener,
} from './ProvisioningEvent';
import { sloFor, type ProvisioningConfig } from './readProvisioningConfig';

/** Options of {@link StuckDetector}. */
export interface StuckDetectorOptions {
  attempts: AttemptStore;
  config: ProvisioningConfig;
  logger: LoggerService;
  now: () => number;
  onEvent?: ProvisioningEventListener;
  /** Attempts examined per query. */
  pageSize?: number;
  /** Upper bound of queries per run. */
  maxPages?: number;
}

/**
 * Marks open attempts stuck once they are past their kind's SLO (stuck time =
 * start + SLO, independent of when the check runs). Runs from a scheduled
 * task; each mark is a conditional write, so with several replicas every
 * attempt is reported stuck once.
 */
export class StuckDetector {
  constructor(private readonly options: StuckDetectorOptions) {}

  /** One pass; returns the attempts this call marked. */
  async run(): Promise<ProvisioningEvent[]> {
    const { attempts, config, logger } = this.options;
    const pageSize = this.options.pageSize ?? 500;
    const maxPages = this.options.maxPages ?? 20;
    const now = this.options.now();
    const events: ProvisioningEvent[] = [];
    for (let page = 0; page < maxPages; page++) {
      const candidates = await attempts.findStuck(now, config.slo, pageSize);
      for (const candidate of candidates) {
        const at = candidate.startedAt + sloFor(config, candidate.kind);
        if (await attempts.markStuck(candidate.id, at)) {
          events.push({
            type: 'stuck',
            attempt: { ...candidate, stuckAt: at },
          });
        }
      }
      if (candidates.length < pageSize) break;
    }
    if (events.length > 0) {
      logger.info('Provisioning attempts past their SLO', {
        stuck: events.length,
      });
    }
    for (const event of events) {
      try {
        await this.options.onEvent?.(event);
      } catch (error) {
        logger.error('Provisioning event handler failed', {
          type: event.type,
          cluster: event.attempt.cluster,
          uid: event.attempt.uid,
          generation: event.attempt.generation,
          error: String(error),
        });
      }
    }
    return events;
  }
}
