import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ItemsResponse,
  PlatformResource,
  ResourceDetails,
} from '@fractal/backstage-plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { TenantScopeResolver } from '../auth/TenantScope';
import type { ResourceQueries } from '../resources/ResourceQueries';
import { parseQuery } from './parseQuery';

const name = z.string().min(1).max(253);

const listQuery = z.object({
  entityRef: name.optional(),
  tenant: name.optional(),
  kind: name.optional(),
  cluster: name.optional(),
});

/**
 * `GET /resources` and `GET /clusters/:cluster/resources/:uid`, answered from
 * the cache and limited to the caller's tenants. The catalog is asked for the
 * entity with the caller's own credentials, so an entity the caller cannot
 * see yields 404.
 */
export function createResourcesRouter(options: {
  scopes: TenantScopeResolver;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  queries: ResourceQueries;
}): express.Router {
  const { scopes, httpAuth, catalog, queries } = options;
  const router = Router();

  router.get('/resources', async (req, res) => {
    const query = parseQuery(listQuery, req.query);
    const scope = await scopes.forRequest(req, { allowServices: true });
    let entity;
    if (query.entityRef) {
      let ref;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(query.entityRef, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        );
      } catch (error) {
        throw new InputError(`Invalid entityRef '${query.entityRef}'`, error);
      }
      entity = await catalog.getEntityByRef(ref, {
        credentials: await httpAuth.credentials(req),
      });
      if (!entity) {
        throw new NotFoundError(`No catalog entity ${ref}`);
      }
    }
    const items = queries.list(scope, { ...query, entity });
    const body: ItemsResponse<PlatformResource> = { items };
    res.json(body);
  });

  router.get('/clusters/:cluster/resources/:uid', async (req, res) => {
    const scope = await scopes.forRequest(req, { allowServices: true });
    const body: ResourceDetails = await queries.details(
      scope,
      req.params.cluster,
      req.params.uid,
    );
    res.json(body);
  });

  return router;
}
