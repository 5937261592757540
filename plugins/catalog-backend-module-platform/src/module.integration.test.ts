import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import type {
  ClusterHealth,
  PlatformKind,
  PlatformResource,
} from '@fractal/backstage-plugin-platform-common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadKind, loadResource } from './transforms/__fixtures__/loadFixture';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogModulePlatform } from './module';

/** What the stand-in platform backend serves; tests change it. */
const platform: {
  kinds: PlatformKind[];
  resources: PlatformResource[];
  clusters: ClusterHealth[];
  requests: string[];
} = { kinds: [], resources: [], clusters: [], requests: [] };

/**
 * A stand-in for the platform backend: the same routes and shapes, behind the
 * backend's default auth policy, so the module's calls make a real round trip
 * with its service token.
 */
const fakePlatformBackend = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use((req: IncomingMessage, res: ServerResponse) => {
          const path = (req.url ?? '').split('?')[0];
          platform.requests.push(path);
          const routes: Record<string, unknown[]> = {
            '/kinds': platform.kinds,
            '/resources': platform.resources,
            '/clusters': platform.clusters,
          };
          const items = routes[path];
          res.statusCode = items ? 200 : 404;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(items ? { items } : { error: { name: 'NotFoundError', message: path } }));
        });
      },
    });
  },
});

/** A hand-written template for Bucket, as a template file in `templates/` would be. */
const handWrittenBucketTemplate = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-templates',
  register(env) {
    env.registerInit({
      deps: { processing: catalogProcessingExtensionPoint },
      async init({ processing }) {
        processing.addEntityProvider({
          getProviderName: () => 'test-templates',
          connect: async connection => {
            const location = 'url:https://example.test/templates/bucket/template.yaml';
            await connection.applyMutation({
              type: 'full',
              entities: [
                {
                  locationKey: location,
                  entity: {
                    apiVersion: 'scaffolder.backstage.io/v1beta3',
                    kind: 'Template',
                    metadata: {
                      name: 'bucket',
                      annotations: {
                        'fractal.dev/kind': 'Bucket',
                        'backstage.io/managed-by-location': location,
                        'backstage.io/managed-by-origin-location': location,
                      },
                    },
                    spec: { type: 'platform-resource', owner: 'group:default/platform-team', steps: [] },
                  },
                },
              ],
            });
          },
        });
      },
    });
  },
});

describe('catalogModulePlatform in a backend with the catalog', () => {
  jest.setTimeout(60_000);

  async function getEntity(port: number, ref: string): Promise<Entity | undefined> {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const response = await fetch(
      `http://localhost:${port}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
    return response.ok ? ((await response.json()) as Entity) : undefined;
  }

  async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('Timed out waiting for the catalog');
  }

  it('puts platform resources and kinds into the catalog, with relations, and follows change events', async () => {
    platform.kinds = [loadKind('kind-postgres'), loadKind('kind-bucket-no-schema')];
    platform.resources = [loadResource('resource-postgres-payments')];
    platform.clusters = [
      { name: 'prod-eu', connected: true, synced: true, kinds: 2, objects: 1 },
    ];
    const events = mockServices.events();
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        handWrittenBucketTemplate,
        catalogModulePlatform,
        fakePlatformBackend,
        createServiceFactory({ service: eventsServiceRef, deps: {}, factory: () => events }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              providers: {
                platform: {
                  // No initial delay: the test scheduler runs the task at startup.
                  schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const port = backend.server.port();
      const resourceRef =
        'resource:default/prod-eu-tenant-payments-postgresql-instance-orders-db';
      const resource = await waitFor(async () => {
        const entity = await getEntity(port, resourceRef);
        return entity?.relations?.length ? entity : undefined;
      });
      expect(resource.spec).toMatchObject({
        type: 'postgresql-instance',
        owner: 'group:default/payments',
      });
      expect(resource.relations?.map(r => `${r.type} ${r.targetRef}`).sort()).toEqual([
        'dependencyOf component:default/orders',
        'dependsOn api:default/postgresqlinstances.platform.fractal.dev',
        'ownedBy group:default/payments',
      ]);
      const api = await waitFor(() =>
        getEntity(port, 'api:default/postgresqlinstances.platform.fractal.dev'),
      );
      expect(api.spec).toMatchObject({ type: 'crd', owner: 'group:default/platform-team' });
      expect(platform.requests).toEqual(
        expect.arrayContaining(['/kinds', '/resources', '/clusters']),
      );

      // A new resource appears; the platform backend announces it.
      platform.resources = [
        ...platform.resources,
        loadResource('resource-bucket-no-tenant'),
      ];
      await events.publish({
        topic: 'platform.resource',
        eventPayload: { type: 'added', cluster: 'dev', uid: 'u', kind: 'Bucket' },
      });
      const bucket = await waitFor(() =>
        getEntity(port, 'resource:default/dev-sandbox-bucket-scratch'),
      );
      expect(bucket.spec?.owner).toBe('group:default/platform-team');

      // A template is generated for the kind without a hand-written one; the
      // hand-written Bucket template replaces the generated one as soon as the
      // catalog lists it (the refresh above ran after it was processed, or
      // the one below does).
      const generated = await waitFor(() =>
        getEntity(port, 'template:default/platform-postgresql-instance'),
      );
      expect(generated.metadata.annotations?.['fractal.dev/kind']).toBe('PostgreSQLInstance');
      await waitFor(() => getEntity(port, 'template:default/bucket'));
      await events.publish({ topic: 'platform.resource', eventPayload: {} });
      await waitFor(async () =>
        (await getEntity(port, 'template:default/platform-bucket')) ? undefined : true,
      );
    } finally {
      await backend.stop();
    }
  });
});
