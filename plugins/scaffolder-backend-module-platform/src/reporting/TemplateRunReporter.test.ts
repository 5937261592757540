import { mockServices } from '@backstage/backend-test-utils';
import { TemplateRunReporter } from './TemplateRunReporter';

describe('TemplateRunReporter', () => {
  const run = {
    taskId: 'task-1',
    templateRef: 'template:default/bucket',
    stepStartedAt: new Date('2025-01-01T10:00:00Z'),
  };
  const outcome = {
    tenant: 'payments',
    kind: 'Bucket',
    outcome: 'failed' as const,
    reason: 'InputError',
  };

  function setup(
    sink: { reportTemplateRun: jest.Mock },
    taskStartedAt?: () => Promise<string>,
  ) {
    const logger = mockServices.logger.mock();
    const reporter = new TemplateRunReporter({
      sink,
      auth: mockServices.auth(),
      logger,
      taskStartedAt,
      now: () => new Date('2025-01-01T10:05:00Z'),
    });
    return { reporter, logger };
  }

  it('reports with service credentials and the task start', async () => {
    const sink = { reportTemplateRun: jest.fn().mockResolvedValue({}) };
    const { reporter } = setup(sink, async () => '2025-01-01T09:59:00.000Z');
    await reporter.report(run, outcome);
    expect(sink.reportTemplateRun).toHaveBeenCalledWith(
      {
        taskId: 'task-1',
        templateRef: 'template:default/bucket',
        tenant: 'payments',
        kind: 'Bucket',
        outcome: 'failed',
        reason: 'InputError',
        startedAt: '2025-01-01T09:59:00.000Z',
        finishedAt: '2025-01-01T10:05:00.000Z',
      },
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
  });

  it('falls back to the step start when the task start is unknown', async () => {
    const sink = { reportTemplateRun: jest.fn().mockResolvedValue({}) };
    const { reporter } = setup(sink, async () => {
      throw new Error('scaffolder unavailable');
    });
    await reporter.report(run, outcome);
    expect(sink.reportTemplateRun.mock.calls[0][0].startedAt).toBe(
      '2025-01-01T10:00:00.000Z',
    );
  });

  it('logs a failed report instead of failing the step', async () => {
    const sink = {
      reportTemplateRun: jest.fn().mockRejectedValue(new Error('backend down')),
    };
    const { reporter, logger } = setup(sink);
    await expect(reporter.report(run, outcome)).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not report the template run outcome',
      expect.objectContaining({
        taskId: 'task-1',
        error: expect.stringContaining('backend down'),
      }),
    );
  });

  it('reports nothing for a run outside a template', async () => {
    const sink = { reportTemplateRun: jest.fn() };
    const { reporter } = setup(sink);
    await reporter.report({ ...run, templateRef: undefined }, outcome);
    expect(sink.reportTemplateRun).not.toHaveBeenCalled();
  });
});
