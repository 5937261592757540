import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  compileManifest,
  parseTenantRef,
  platformResourceCreatePermission,
  selectTargetCluster,
  type CompiledManifest,
  type NamespaceInfo,
  type PlatformKind,
  type TenantMapping,
} from '@fractal/backstage-plugin-platform-common';
import type {
  PlatformCluster,
  PlatformDefaultsSource,
} from '@fractal/backstage-plugin-platform-node';
import express from 'express';
import Router from 'express-promise-router';
import type { TenantScopeResolver } from '../auth/TenantScope';
import { parseCompileRequest } from './compileRequestSchema';
import { findPreviewKind, previewNamespace } from './previewTarget';

/** Options of {@link createCompileRouter}. */
export interface CompileRouterOptions {
  /** The caller's tenant scope, from the permission framework. */
  scopes: TenantScopeResolver;
  /** The kind cache (CRD informers): kinds, their clusters and schemas. */
  kinds: { list(): PlatformKind[] };
  /** The configured clusters (config only; no cluster is called). */
  clusters: { listClusters(): Promise<PlatformCluster[]> };
  /** The layered defaults, the same service the scaffolder actions use. */
  defaults: PlatformDefaultsSource;
  httpAuth: HttpAuthService;
  /** The catalog, asked for the tenant Group with the caller's credentials. */
  catalog: CatalogService;
  /** `spec.type` of tenant Groups (`platform.tenants.groupType`). */
  groupType: string;
  /** Namespaces the informers have seen, with the tenant mapping. */
  namespaces: {
    readonly mapping: TenantMapping;
    namespaces(cluster: string): NamespaceInfo[];
  };
}

/**
 * `POST /compile`: compiles a request into the final manifest the
 * `platform:resource:compile` action would produce, for the template form's
 * preview — the same pure compile, the kind's schema from the informers'
 * kind cache, the namespace from the tenant mapping, the same defaults.
 * The caller must be allowed to create resources for the tenant (a member,
 * or a platform admin). Invalid input is a 400 whose `error.fieldErrors`
 * lists every field path. Nothing reaches a cluster.
 */
export function createCompileRouter(
  options: CompileRouterOptions,
): express.Router {
  const router = Router();
  router.use(express.json({ limit: '2mb' }));
  router.post('/compile', async (req, res) => {
    const scope = await options.scopes.forRequest(req, {
      permission: platformResourceCreatePermission,
    });
    const request = parseCompileRequest(req.body);
    const tenant = parseTenantRef(request.tenant);
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const group = await options.catalog.getEntityByRef(tenant.ref, {
      credentials,
    });
    const isTenant = group?.spec?.type === options.groupType;
    if (!isTenant || !scope.canSee(tenant.name)) {
      if (scope.isAdmin) {
        throw new InputError(`tenant: '${tenant.name}' is not a tenant`);
      }
      throw new NotAllowedError(
        `${scope.userEntityRef} may not create platform resources for tenant '${tenant.name}'`,
      );
    }
    const { cluster, environment } = selectTargetCluster(
      await options.clusters.listClusters(),
      request,
    );
    const kind = findPreviewKind(options.kinds.list(), request, cluster.name);
    const namespace =
      kind.scope === 'Namespaced'
        ? previewNamespace(
            tenant.name,
            options.namespaces.namespaces(cluster.name),
            options.namespaces.mapping,
          )
        : undefined;
    const defaults = await options.defaults.getDefaults({
      kind: kind.kind,
      group: kind.group,
      environment,
      tenant: tenant.name,
    });
    const user: Record<string, unknown> = {};
    if (request.parameters !== undefined) {
      user.spec = { parameters: request.parameters };
    }
    if (request.labels !== undefined) {
      user.metadata = { labels: request.labels };
    }
    const compiled: CompiledManifest = compileManifest({
      kind,
      name: request.name,
      tenant: tenant.name,
      namespace,
      environment,
      cluster: cluster.name,
      owner: tenant.ref,
      requestedBy: scope.userEntityRef,
      template: request.template,
      component: request.component,
      defaults,
      user,
    });
    res.json(compiled);
  });
  return router;
}
