import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  platformMetricsReadPermission,
  type ItemsResponse,
  type ProvisioningAttempt,
  type TemplateRunReport,
} from '@fractal/backstage-plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { TenantScope, TenantScopeResolver } from '../auth/TenantScope';
import type { TenantFilter } from '../metrics/attemptCells';
import type { MetricsService } from '../metrics/MetricsService';
import { isoTime, name, parseInput } from '../metrics/parseInput';
import { parseWindow } from '../metrics/parseWindow';
import { toProvisioningAttempt, type AttemptStore } from './AttemptStore';
import type { TemplateRunStore } from './TemplateRunStore';

/** The stores and services the routes read, once the database is ready. */
export interface HistoryServices {
  attempts: AttemptStore;
  templateRuns: TemplateRunStore;
  metrics: MetricsService;
}

/** Options of {@link createHistoryRouter}. */
export interface HistoryRouterOptions {
  scopes: TenantScopeResolver;
  httpAuth: HttpAuthService;
  services: () => Promise<HistoryServices>;
  now: () => number;
}

const windowQuery = z
  .object({ from: isoTime.optional(), to: isoTime.optional() })
  .strict();

const historyQuery = windowQuery
  .extend({
    tenant: name.optional(),
    kind: name.optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

const templateRunBody = z
  .object({
    taskId: z.string().min(1).max(255),
    templateRef: z.string().min(1).max(255),
    tenant: name,
    kind: name,
    outcome: z.enum(['succeeded', 'failed']),
    reason: z.string().max(4000).optional(),
    startedAt: z.string().datetime({ offset: true }),
    finishedAt: z.string().datetime({ offset: true }),
  })
  .strict();

/** Tenants a request covers: one named tenant the caller may see, or all of theirs. */
function tenantFilter(scope: TenantScope, tenant?: string): TenantFilter {
  if (tenant !== undefined) {
    if (!scope.canSee(tenant)) {
      throw new NotAllowedError(
        `You may not see the metrics of tenant '${tenant}'`,
      );
    }
    return { tenants: [tenant] };
  }
  return scope.isAdmin ? { allTenants: true } : { tenants: [...scope.tenants] };
}

function sameRun(a: TemplateRunReport, b: TemplateRunReport): boolean {
  return (
    a.templateRef === b.templateRef &&
    a.tenant === b.tenant &&
    a.kind === b.kind &&
    a.outcome === b.outcome &&
    Date.parse(a.startedAt) === Date.parse(b.startedAt) &&
    Date.parse(a.finishedAt) === Date.parse(b.finishedAt)
  );
}

/**
 * `GET /history`, `GET /metrics/tenants/:tenant`, `GET /metrics/adoption`,
 * `GET /scoreboard` (users, limited to their tenants unless admin) and
 * `POST /template-runs` (service callers only: the scaffolder actions).
 */
export function createHistoryRouter(
  options: HistoryRouterOptions,
): express.Router {
  const { scopes, httpAuth, services, now } = options;
  const router = Router();
  router.use(express.json());
  const metricsScope = (req: express.Request) =>
    scopes.forRequest(req, { permission: platformMetricsReadPermission });

  router.get('/history', async (req, res) => {
    const query = parseInput(historyQuery, req.query, 'query parameter');
    const window = parseWindow(query, now(), Number.MAX_SAFE_INTEGER);
    const filter = tenantFilter(await metricsScope(req), query.tenant);
    const { attempts } = await services();
    const records = await attempts.list({
      tenants: 'allTenants' in filter ? undefined : filter.tenants,
      kind: query.kind,
      from: window.from,
      to: window.to,
      limit: query.limit,
      offset: query.offset,
    });
    const body: ItemsResponse<ProvisioningAttempt> = {
      items: records.map(toProvisioningAttempt),
    };
    res.json(body);
  });

  router.get('/metrics/tenants/:tenant', async (req, res) => {
    const { tenant } = parseInput(
      z.object({ tenant: name }),
      req.params,
      'path parameter',
    );
    const window = parseWindow(
      parseInput(windowQuery, req.query, 'query parameter'),
      now(),
    );
    tenantFilter(await metricsScope(req), tenant);
    const { metrics } = await services();
    res.json(await metrics.tenantMetrics(tenant, window));
  });

  router.get('/metrics/adoption', async (req, res) => {
    const window = parseWindow(
      parseInput(windowQuery, req.query, 'query parameter'),
      now(),
    );
    const filter = tenantFilter(await metricsScope(req));
    const { metrics } = await services();
    res.json(await metrics.adoption(window, filter));
  });

  router.get('/scoreboard', async (req, res) => {
    const window = parseWindow(
      parseInput(windowQuery, req.query, 'query parameter'),
      now(),
    );
    const filter = tenantFilter(await metricsScope(req));
    const { metrics } = await services();
    res.json(await metrics.scoreboard(window, filter));
  });

  router.post('/template-runs', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const run = parseInput(templateRunBody, req.body, 'body field');
    if (Date.parse(run.finishedAt) < Date.parse(run.startedAt)) {
      throw new InputError(
        `Invalid body field 'finishedAt': must not be before 'startedAt'`,
      );
    }
    const { templateRuns } = await services();
    const { created, stored } = await templateRuns.record(run, now());
    if (!created && !sameRun(stored, run)) {
      throw new ConflictError(
        `Template run of task '${run.taskId}' is already recorded with different values`,
      );
    }
    res.status(created ? 201 : 200).json(stored);
  });

  return router;
}
