import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  locationSpecToMetadataName,
} from '@backstage/plugin-catalog-node';
import {
  coreServices,
  createServiceFactory,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import git from 'isomorphic-git';
import * as fs from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { demoAdmins, demoCatalogEntities } from './__testUtils__/demoCatalog';
import {
  startTestEmulator,
  type TestEmulator,
} from './__testUtils__/testEmulator';
import { scaffolderModule } from './module';

const TEMPLATES = resolve(__dirname, '../../../templates');
const ada = mockCredentials.user.header('user:default/ada');
const CLAIMS = 'platform.fractal.dev/v1alpha1';

jest.setTimeout(120_000);

const ESC = String.fromCharCode(27);

/** Everything allowed, except platform.admin for anyone but the platform team. */
function demoPermissions(): PermissionsService {
  const allowAll = mockServices.permissions();
  const auth = mockServices.auth();
  return {
    authorizeConditional: (requests, options) =>
      allowAll.authorizeConditional(requests, options),
    async authorize(requests, options) {
      const admin =
        auth.isPrincipal(options.credentials, 'user') &&
        demoAdmins.has(options.credentials.principal.userEntityRef);
      return requests.map(({ permission }) => ({
        result:
          permission.name !== 'platform.admin' || admin
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  };
}

/** A template as the catalog serves it: read from its file location. */
function templateEntity(name: string): Entity {
  const path = resolve(TEMPLATES, name, 'template.yaml');
  const entity: Entity = parse(fs.readFileSync(path, 'utf8'));
  entity.metadata.namespace = 'default';
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'backstage.io/managed-by-location': `file:${path}`,
    'backstage.io/managed-by-origin-location': `file:${path}`,
  };
  return entity;
}

/**
 * The templates run by the real scaffolder backend (its template engine,
 * fetch:template, the task log) with this module's actions against the
 * emulator: what a user gets in the portal.
 */
describe('the templates in the scaffolder', () => {
  let env: TestEmulator;
  let backend: TestBackend;
  const repos = createMockDirectory();
  const catalogLocation = repos.resolve('*/catalog-info.yaml');
  const catalog = catalogServiceMock({
    entities: [
      ...demoCatalogEntities,
      templateEntity('new-service'),
      templateEntity('postgresql-instance'),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Location',
        metadata: {
          name: locationSpecToMetadataName({
            type: 'file',
            target: catalogLocation,
          }),
          namespace: 'default',
        },
        spec: { type: 'file', target: catalogLocation },
      },
    ],
  });
  const refresh = jest.spyOn(catalog, 'refreshEntity');

  beforeAll(async () => {
    env = await startTestEmulator({ operator: { delays: { default: 300 } } });
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModule,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        mockServices.rootConfig.factory({
          data: {
            platform: {
              clusters: env.clusters.map(c => ({
                name: c.name,
                url: c.url,
                environment: c.environment,
                caData: c.caData,
                serviceAccountToken: 'fractal-reader-token',
                provisioning: {
                  serviceAccountToken: 'fractal-provisioner-token',
                },
              })),
              scaffolder: { localPublish: { directory: repos.path } },
            },
          },
        }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => demoPermissions(),
        }),
      ],
    });
  });
  afterAll(async () => {
    await backend?.stop();
    await env?.stop();
  });

  async function run(templateRef: string, values: object) {
    const created = await fetchJson('POST', '/api/scaffolder/v2/tasks', {
      templateRef,
      values,
    });
    const id: string = created.id;
    for (let i = 0; i < 300; i++) {
      const task = await fetchJson('GET', `/api/scaffolder/v2/tasks/${id}`);
      if (task.status === 'completed' || task.status === 'failed') {
        const events = await fetchJson(
          'GET',
          `/api/scaffolder/v2/tasks/${id}/events`,
        );
        // Task log lines as the portal shows them, without the level prefix and colours.
        const log: string[] = events
          .filter((e: { type: string }) => e.type === 'log')
          .map((e: { body: { message: string } }) =>
            e.body.message
              .split(ESC)
              .join('')
              .replace(/\[[0-9;]*m/g, '')
              .replace(/^(info|warn|error): /, ''),
          );
        return { task, log };
      }
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(`task ${id} did not finish`);
  }

  async function fetchJson(method: string, path: string, body?: object) {
    const address = backend.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const res = await fetch(`http://localhost:${port}${path}`, {
      method,
      headers: { authorization: ada, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok)
      throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  it('New service: renders the skeleton, creates the Application and the database, publishes the repository', async () => {
    const { task, log } = await run('template:default/new-service', {
      tenant: 'payments',
      name: 'orders-api',
      description: 'Takes orders',
      cluster: 'dev',
      database: true,
      databaseSize: 'medium',
    });
    expect({
      status: task.status,
      log: log.filter((l: string) => /Error|error/.test(l)),
    }).toEqual({
      status: 'completed',
      log: [],
    });
    const dev = env.emulator.cluster('dev');
    const app = dev.get(CLAIMS, 'Application', 'orders-api', 'tenant-payments');
    expect(app).toMatchObject({
      metadata: {
        labels: {
          'fractal.dev/component': 'orders-api',
          'fractal.dev/tenant': 'payments',
        },
        annotations: { 'fractal.dev/template': 'template:default/new-service' },
      },
      spec: {
        parameters: { image: 'registry.example.com/payments/orders-api:0.1.0' },
      },
      status: {
        conditions: expect.arrayContaining([
          expect.objectContaining({ type: 'Ready', status: 'True' }),
        ]),
      },
    });
    expect(
      dev.get(CLAIMS, 'PostgreSQLInstance', 'orders-api-db', 'tenant-payments'),
    ).toMatchObject({
      spec: { parameters: { size: 'medium' } },
      status: {
        conditions: expect.arrayContaining([
          expect.objectContaining({ type: 'Ready', status: 'True' }),
        ]),
      },
    });
    // The repository: rendered skeleton, compiled manifests, one commit.
    const repo = repos.resolve('orders-api');
    const catalogInfo = parse(
      fs.readFileSync(`${repo}/catalog-info.yaml`, 'utf8'),
    );
    expect(catalogInfo).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'orders-api',
        description: 'Takes orders',
        annotations: {
          'fractal.dev/resource-selector': 'fractal.dev/component=orders-api',
        },
      },
      spec: { owner: 'group:default/payments', type: 'service' },
    });
    expect(
      parse(fs.readFileSync(`${repo}/platform/application.yaml`, 'utf8')),
    ).toMatchObject({
      kind: 'Application',
      metadata: { name: 'orders-api', namespace: 'tenant-payments' },
    });
    expect(fs.existsSync(`${repo}/platform/database.yaml`)).toBe(true);
    expect(await git.log({ fs, dir: repo })).toHaveLength(1);
    expect(refresh).toHaveBeenCalled();
    expect(task.spec.output).toBeDefined();
    expect(
      log.some((l: string) => l.startsWith('Ready=True (Available)')),
    ).toBe(true);
  });

  it('PostgreSQL: streams the conditions into the task log until Ready', async () => {
    const { task, log } = await run('template:default/postgresql-instance', {
      tenant: 'payments',
      name: 'ledger-db',
      cluster: 'dev',
      parameters: { size: 'large' },
    });
    expect(task.status).toBe('completed');
    const waiting = log.findIndex((l: string) =>
      l.startsWith('Waiting up to 10m0s for PostgreSQLInstance ledger-db'),
    );
    const ready = log.findIndex((l: string) =>
      l.startsWith('Ready=True (Available)'),
    );
    expect(waiting).toBeGreaterThanOrEqual(0);
    expect(ready).toBeGreaterThan(waiting);
  });

  it("PostgreSQL: refuses another tenant's request and creates nothing", async () => {
    const { task, log } = await run('template:default/postgresql-instance', {
      tenant: 'checkout',
      name: 'stolen-db',
      cluster: 'dev',
      parameters: {},
    });
    expect(task.status).toBe('failed');
    expect(log.join('\n')).toContain(
      "user:default/ada is not a member of tenant 'checkout'",
    );
    expect(
      env.emulator
        .cluster('dev')
        .get(CLAIMS, 'PostgreSQLInstance', 'stolen-db', 'tenant-checkout'),
    ).toBeUndefined();
  });
});
