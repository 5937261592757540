import type {
  TemplateRunCounts,
  WindowMs,
} from '@fractal/backstage-plugin-platform-common';
import type { Knex } from 'knex';
import { toNumber } from '../history/dbValues';
import { TEMPLATE_RUNS_TABLE } from '../history/TemplateRunStore';
import { whereTenants, type TenantFilter } from './attemptCells';

/** Template runs finished in the window, by outcome. */
export async function loadTemplateRunCounts(
  db: Knex,
  window: WindowMs,
  filter: TenantFilter,
): Promise<TemplateRunCounts> {
  const rows: Array<Record<string, unknown>> = await whereTenants(
    db(TEMPLATE_RUNS_TABLE)
      .select('outcome', db.raw('COUNT(*) AS n'))
      .where('finished_at', '>=', window.from)
      .where('finished_at', '<', window.to)
      .groupBy('outcome'),
    filter,
  );
  const counts: TemplateRunCounts = { succeeded: 0, failed: 0 };
  for (const row of rows) {
    if (row.outcome === 'succeeded') counts.succeeded += toNumber(row.n);
    if (row.outcome === 'failed') counts.failed += toNumber(row.n);
  }
  return counts;
}
