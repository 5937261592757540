import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { TemplateRunReport } from '@fractal/backstage-plugin-platform-common';

/** Where template run outcomes go: `POST /template-runs` of the platform backend. */
export interface TemplateRunSink {
  reportTemplateRun(
    report: TemplateRunReport,
    options: { credentials: BackstageCredentials },
  ): Promise<unknown>;
}

/** What an action knows of the run it is part of. */
export interface RunContext {
  taskId: string;
  templateRef?: string;
  /** When the step started (used when the task's start is unknown). */
  stepStartedAt: Date;
}

/** Options of {@link TemplateRunReporter}. */
export interface TemplateRunReporterOptions {
  sink: TemplateRunSink;
  auth: AuthService;
  logger: LoggerService;
  /** When the task started, if it can be found; the step's start otherwise. */
  taskStartedAt?: (taskId: string) => Promise<string | undefined>;
  now?: () => Date;
}

/**
 * Reports the outcome of each template run to the platform backend with the
 * module's own service credentials, once per task (the backend keeps the
 * first report of a task). A failed report is logged, never fatal: the
 * template's result does not depend on the scoreboard.
 */
export class TemplateRunReporter {
  private readonly now: () => Date;

  constructor(private readonly options: TemplateRunReporterOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async report(
    run: RunContext,
    outcome: {
      tenant: string;
      kind: string;
      outcome: 'succeeded' | 'failed';
      reason?: string;
    },
  ): Promise<void> {
    const { sink, auth, logger } = this.options;
    const meta = {
      taskId: run.taskId,
      templateRef: run.templateRef,
      tenant: outcome.tenant,
      kind: outcome.kind,
      outcome: outcome.outcome,
    };
    if (!run.templateRef) {
      logger.debug('Not a template run; outcome not reported', meta);
      return;
    }
    try {
      let startedAt: string | undefined;
      try {
        startedAt = await this.options.taskStartedAt?.(run.taskId);
      } catch (error) {
        logger.debug('Task start unknown; using the step start', {
          ...meta,
          error: stringifyError(error),
        });
      }
      const report: TemplateRunReport = {
        taskId: run.taskId,
        templateRef: run.templateRef,
        tenant: outcome.tenant,
        kind: outcome.kind,
        outcome: outcome.outcome,
        startedAt: startedAt ?? run.stepStartedAt.toISOString(),
        finishedAt: this.now().toISOString(),
      };
      if (outcome.reason) report.reason = outcome.reason.slice(0, 1000);
      await sink.reportTemplateRun(report, {
        credentials: await auth.getOwnServiceCredentials(),
      });
      logger.debug('Reported the template run outcome', meta);
    } catch (error) {
      logger.warn('Could not report the template run outcome', {
        ...meta,
        error: stringifyError(error),
      });
    }
  }
}
