import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { TenantScopeResolver } from '../auth/TenantScope';
import { StatusCache } from '../cache/StatusCache';
import { StatusEvaluator } from '../cache/StatusEvaluator';
import { createCompileRouter } from '../compile';
import { createHistoryRouter } from '../history/createHistoryRouter';
import { KindRegistry } from '../kinds/KindRegistry';
import { ResourceQueries } from '../resources/ResourceQueries';
import { createRouter } from '../router';
import { NamespaceTenants } from '../tenants/NamespaceTenants';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/** `METHOD /path` of every route of an express router, nested routers included. */
function routesOf(stack: Layer[]): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map(
        m => `${m.toUpperCase()} ${path}`,
      );
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

/** Every `$ref` in a document. */
function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      key === '$ref' && typeof v === 'string' ? [v] : refsOf(v),
    );
  }
  return [];
}

describe('openapi.yaml', () => {
  const document = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));

  it('documents exactly the routes the plugin serves', () => {
    const scopes: TenantScopeResolver = { forRequest: jest.fn() };
    const httpAuth = mockServices.httpAuth();
    const kinds = new KindRegistry();
    const evaluator = new StatusEvaluator();
    const cache = new StatusCache({
      kinds,
      tenants: new NamespaceTenants({
        namespaceLabel: 'l',
        namespacePattern: '{{name}}',
      }),
      evaluator,
      eventLimits: { maxPerObject: 1, maxPerCluster: 1 },
      logger: mockServices.logger.mock(),
    });
    const router = createRouter({
      scopes,
      httpAuth,
      catalog: catalogServiceMock(),
      kinds,
      health: () => [],
      queries: new ResourceQueries({ cache, evaluator }),
      extra: [
        createHistoryRouter({
          scopes,
          httpAuth,
          services: () => Promise.reject(new Error('not used')),
          now: Date.now,
        }),
        createCompileRouter({
          scopes,
          kinds,
          clusters: { listClusters: async () => [] },
          defaults: { getDefaults: async () => ({}) },
          httpAuth,
          catalog: catalogServiceMock(),
          groupType: 'team',
          namespaces: new NamespaceTenants({
            namespaceLabel: 'l',
            namespacePattern: '{{name}}',
          }),
        }),
      ],
    });
    const served = routesOf(
      (router as unknown as { stack: Layer[] }).stack,
    ).sort();
    const documented = Object.entries(document.paths as Record<string, object>)
      .flatMap(([path, item]) =>
        Object.keys(item).map(m => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    expect(documented).toEqual(served);
  });

  it('resolves every $ref', () => {
    const missing = refsOf(document).filter(ref => {
      const parts = ref.replace(/^#\//, '').split('/');
      let node: unknown = document;
      for (const part of parts) {
        node = (node as Record<string, unknown> | undefined)?.[part];
      }
      return node === undefined;
    });
    expect(missing).toEqual([]);
  });
});
