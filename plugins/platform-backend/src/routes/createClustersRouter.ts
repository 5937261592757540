import express from 'express';
import Router from 'express-promise-router';
import type {
  ClusterHealth,
  ItemsResponse,
} from '@fractal/backstage-plugin-platform-common';
import type { TenantScopeResolver } from '../auth/TenantScope';

/** `GET /clusters`: the health of every cluster connection, as the informers see it. */
export function createClustersRouter(options: {
  scopes: TenantScopeResolver;
  health: () => ClusterHealth[];
}): express.Router {
  const router = Router();
  router.get('/clusters', async (req, res) => {
    await options.scopes.forRequest(req, { allowServices: true });
    const body: ItemsResponse<ClusterHealth> = { items: options.health() };
    res.json(body);
  });
  return router;
}
