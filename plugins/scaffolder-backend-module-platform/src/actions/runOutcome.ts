import type { TemplateRunReporter } from '../reporting/TemplateRunReporter';

/** A short, input-free reason for a failure: the error's reason or name. */
export function failureReason(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { reason, name } = error as { reason?: unknown; name?: unknown };
    if (typeof reason === 'string' && reason) return reason;
    if (typeof name === 'string' && name) return name;
  }
  return 'Error';
}

/**
 * Runs an action body and reports the template run's outcome: `failed` when
 * the body throws (the error is rethrown, so the step fails), `succeeded`
 * when it returns and `reportSuccess` is set (the last platform step of a
 * template). Nothing is reported in dry runs.
 */
export async function withRunOutcome<T>(
  ctx: {
    task: { id: string };
    templateInfo?: { entityRef?: string };
    isDryRun?: boolean;
  },
  reporter: TemplateRunReporter,
  subject: () => { tenant: string; kind: string },
  reportSuccess: boolean,
  body: () => Promise<T>,
): Promise<T> {
  const run = {
    taskId: ctx.task.id,
    templateRef: ctx.templateInfo?.entityRef,
    stepStartedAt: new Date(),
  };
  let result: T;
  try {
    result = await body();
  } catch (error) {
    if (!ctx.isDryRun) {
      await reporter.report(run, {
        ...subject(),
        outcome: 'failed',
        reason: failureReason(error),
      });
    }
    throw error;
  }
  if (reportSuccess && !ctx.isDryRun) {
    await reporter.report(run, { ...subject(), outcome: 'succeeded' });
  }
  return result;
}
