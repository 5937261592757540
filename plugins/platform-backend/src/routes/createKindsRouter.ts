import express from 'express';
import Router from 'express-promise-router';
import type {
  ItemsResponse,
  PlatformKind,
} from '@fractal/backstage-plugin-platform-common';
import type { TenantScopeResolver } from '../auth/TenantScope';
import type { KindRegistry } from '../kinds/KindRegistry';

/** `GET /kinds`: platform kinds with their schemas, from the CRD informers. */
export function createKindsRouter(options: {
  scopes: TenantScopeResolver;
  kinds: KindRegistry;
}): express.Router {
  const router = Router();
  router.get('/kinds', async (req, res) => {
    await options.scopes.forRequest(req, { allowServices: true });
    const body: ItemsResponse<PlatformKind> = { items: options.kinds.list() };
    res.json(body);
  });
  return router;
}
