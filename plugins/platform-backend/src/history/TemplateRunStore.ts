import type { TemplateRunReport } from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import { optionalString } from './dbValues';

export const TEMPLATE_RUNS_TABLE = 'platform_template_runs';

type Row = Record<string, unknown>;

function toReport(row: Row): TemplateRunReport {
  const report: TemplateRunReport = {
    taskId: String(row.task_id),
    templateRef: String(row.template_ref),
    tenant: String(row.tenant),
    kind: String(row.kind),
    outcome: row.outcome === 'succeeded' ? 'succeeded' : 'failed',
    startedAt: new Date(Number(row.started_at)).toISOString(),
    finishedAt: new Date(Number(row.finished_at)).toISOString(),
  };
  const reason = optionalString(row.reason);
  if (reason !== undefined) report.reason = reason;
  return report;
}

/** The `platform_template_runs` table, one row per scaffolder task. */
export class TemplateRunStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records a run unless its task is already recorded. Returns whether this
   * call created it, and the stored run.
   */
  async record(
    run: TemplateRunReport,
    recordedAt: number,
  ): Promise<{ created: boolean; stored: TemplateRunReport }> {
    const before = await this.get(run.taskId);
    if (!before) {
      await this.db(TEMPLATE_RUNS_TABLE)
        .insert({
          task_id: run.taskId,
          template_ref: run.templateRef,
          tenant: run.tenant,
          kind: run.kind,
          outcome: run.outcome,
          reason: run.reason ?? null,
          started_at: Date.parse(run.startedAt),
          finished_at: Date.parse(run.finishedAt),
          recorded_at: recordedAt,
        })
        .onConflict('task_id')
        .ignore();
    }
    const stored = await this.get(run.taskId);
    if (!stored) {
      throw new Error(`Template run ${run.taskId} was not stored`);
    }
    return { created: !before, stored };
  }

  async get(taskId: string): Promise<TemplateRunReport | undefined> {
    const row = await this.db(TEMPLATE_RUNS_TABLE)
      .where({ task_id: taskId })
      .first();
    return row ? toReport(row) : undefined;
  }
}
