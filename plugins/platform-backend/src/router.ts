import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ClusterHealth } from '@fractal/backstage-plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import type { TenantScopeResolver } from './auth/TenantScope';
import type { KindRegistry } from './kinds/KindRegistry';
import type { ResourceQueries } from './resources/ResourceQueries';
import { createClustersRouter } from './routes/createClustersRouter';
import { createKindsRouter } from './routes/createKindsRouter';
import { createResourcesRouter } from './routes/createResourcesRouter';

/** Composes the REST API of `/api/platform` (see `src/schema/openapi.yaml`). */
export function createRouter(options: {
  scopes: TenantScopeResolver;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  kinds: KindRegistry;
  health: () => ClusterHealth[];
  queries: ResourceQueries;
  /** More routers, e.g. the history module's (`/history`, `/metrics`, `/scoreboard`). */
  extra?: express.Router[];
}): express.Router {
  const router = Router();
  router.use(express.json());
  router.use(createKindsRouter(options));
  router.use(createClustersRouter(options));
  router.use(createResourcesRouter(options));
  for (const extra of options.extra ?? []) {
    router.use(extra);
  }
  return router;
}
