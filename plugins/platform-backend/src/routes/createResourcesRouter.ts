import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
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
import { TtlCache } from '../util/TtlCache';
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
 * see yields 404; the answer is reused for that caller for a few seconds.
 */
export function createResourcesRouter(options: {
  scopes: TenantScopeResolver;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  queries: ResourceQueries;
  /** How long a caller's lookup of an entity is reused. Default 5 s; 0 disables. */
  entityTtlMs?: number;
}): express.Router {
  const { scopes, httpAuth, catalog, queries } = options;
  const router = Router();
  // A card refetches on every pushed change; the caller's view of an entity
  // is reused for a few seconds instead of asking the catalog each time.
  const entities = new TtlCache<Entity | undefined>(
    options.entityTtlMs ?? 5000,
  );

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
      const credentials = await httpAuth.credentials(req);
      const caller = scope.userEntityRef;
      entity = await entities.get(`${caller}|${ref}`, () =>
        catalog.getEntityByRef(ref, { credentials }),
      );
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
