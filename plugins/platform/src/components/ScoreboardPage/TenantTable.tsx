import { Table, TableColumn } from '@backstage/core-components';
import type {
  AdoptionMetrics,
  Scoreboard,
} from '@fractal/backstage-plugin-platform-common';
import {
  formatDuration,
  formatNumber,
  formatPercent,
} from '../../utils/format';

/** One row of the per-team table. */
export interface TenantRow {
  tenant: string;
  instances: number;
  /** Instances by kind, e.g. `PostgreSQLInstance 2`, sorted by kind. */
  kinds: string[];
  viaPortal?: number;
  p50Ms?: number;
  failureRate: number;
  toilHours: number;
}

/** Joins the scoreboard's per-team figures with adoption per team. */
export function tenantRows(
  scoreboard: Scoreboard,
  adoption: AdoptionMetrics | undefined,
): TenantRow[] {
  return scoreboard.tenants.map(t => {
    const adopted = adoption?.byTenant.find(a => a.tenant === t.tenant);
    const kinds = Object.entries(adopted?.instancesByKind ?? {})
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, count]) => `${kind} ${count}`);
    return {
      tenant: t.tenant,
      instances: t.instances,
      kinds,
      viaPortal: adopted?.viaPortal,
      p50Ms: t.p50Ms,
      failureRate: t.failureRate,
      toilHours: t.toilHours,
    };
  });
}

const columns: TableColumn<TenantRow>[] = [
  { title: 'Team', field: 'tenant', highlight: true },
  { title: 'Resources', field: 'instances', type: 'numeric' },
  {
    title: 'By kind',
    field: 'kinds',
    sorting: false,
    render: r =>
      r.kinds.length === 0
        ? '—'
        : r.kinds.map(kind => (
            <span key={kind} style={{ display: 'block', whiteSpace: 'nowrap' }}>
              {kind}
            </span>
          )),
  },
  {
    title: 'Via portal',
    field: 'viaPortal',
    type: 'numeric',
    render: r => formatNumber(r.viaPortal),
  },
  {
    title: 'Provisioning p50',
    field: 'p50Ms',
    type: 'numeric',
    render: r => formatDuration(r.p50Ms),
  },
  {
    title: 'Failure rate',
    field: 'failureRate',
    type: 'numeric',
    render: r => formatPercent(r.failureRate),
  },
  {
    title: 'Toil eliminated',
    field: 'toilHours',
    type: 'numeric',
    render: r => `${formatNumber(r.toilHours)} h`,
  },
];

/** Figures per team, sortable. */
export function TenantTable(props: { rows: TenantRow[] }) {
  return (
    <Table<TenantRow>
      title="Per team"
      columns={columns}
      data={props.rows}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent="No teams yet."
    />
  );
}
