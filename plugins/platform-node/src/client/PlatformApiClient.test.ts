import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PlatformApiClient } from './PlatformApiClient';

const BASE = 'http://backend.test/api/platform';

describe('PlatformApiClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PlatformApiClient({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => BASE,
    }),
    auth: mockServices.auth(),
  });
  const credentials = mockCredentials.service('plugin:catalog');

  it.each<[string, (c: PlatformApiClient) => Promise<unknown>, string]>([
    ['listKinds', c => c.listKinds({ credentials }), '/kinds'],
    ['listClusters', c => c.listClusters({ credentials }), '/clusters'],
    [
      'listResources',
      c =>
        c.listResources(
          { entityRef: 'component:default/shop', kind: 'Bucket', tenant: '' },
          { credentials },
        ),
      '/resources?entityRef=component%3Adefault%2Fshop&kind=Bucket',
    ],
    [
      'getResource',
      c => c.getResource({ cluster: 'prod-eu', uid: 'a/b' }, { credentials }),
      '/clusters/prod-eu/resources/a%2Fb',
    ],
    [
      'listHistory',
      c =>
        c.listHistory(
          { tenant: 'payments', from: '2025-01-01T00:00:00Z' },
          { credentials },
        ),
      '/history?tenant=payments&from=2025-01-01T00%3A00%3A00Z',
    ],
    [
      'getTenantMetrics',
      c =>
        c.getTenantMetrics('payments', { to: '2025-02-01' }, { credentials }),
      '/metrics/tenants/payments?to=2025-02-01',
    ],
    [
      'getAdoption',
      c => c.getAdoption({}, { credentials }),
      '/metrics/adoption',
    ],
    [
      'getScoreboard',
      c => c.getScoreboard({ from: 'x' }, { credentials }),
      '/scoreboard?from=x',
    ],
  ])('%s calls %s with a token for the caller', async (_name, call, path) => {
    const seen: Array<{ url: string; auth: string | null }> = [];
    server.use(
      http.get(`${BASE}/*`, ({ request }) => {
        seen.push({
          url: request.url,
          auth: request.headers.get('authorization'),
        });
        return HttpResponse.json({ items: [{ ok: true }] });
      }),
    );
    await expect(call(client)).resolves.toEqual({ items: [{ ok: true }] });
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe(`${BASE}${path}`);
    expect(seen[0].auth).toBe(
      mockCredentials.service.header({
        onBehalfOf: credentials,
        targetPluginId: 'platform',
      }),
    );
  });

  it('turns an error response into a ResponseError', async () => {
    server.use(
      http.get(`${BASE}/clusters/dev/resources/nope`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No such resource' },
            request: { method: 'GET', url: '/clusters/dev/resources/nope' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await expect(
      client.getResource({ cluster: 'dev', uid: 'nope' }, { credentials }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { name: 'NotFoundError' } },
    });
  });
  it('posts a template run report as JSON with a token for the caller', async () => {
    const report = {
      taskId: 'task-1',
      templateRef: 'template:default/postgresql-instance',
      tenant: 'payments',
      kind: 'PostgreSQLInstance',
      outcome: 'succeeded' as const,
      startedAt: '2025-01-01T00:00:00.000Z',
      finishedAt: '2025-01-01T00:01:00.000Z',
    };
    const seen: Array<{
      body: unknown;
      type: string | null;
      auth: string | null;
    }> = [];
    server.use(
      http.post(`${BASE}/template-runs`, async ({ request }) => {
        seen.push({
          body: await request.json(),
          type: request.headers.get('content-type'),
          auth: request.headers.get('authorization'),
        });
        return HttpResponse.json(report, { status: 201 });
      }),
    );
    await expect(
      client.reportTemplateRun(report, { credentials }),
    ).resolves.toEqual(report);
    expect(seen).toEqual([
      {
        body: report,
        type: 'application/json',
        auth: mockCredentials.service.header({
          onBehalfOf: credentials,
          targetPluginId: 'platform',
        }),
      },
    ]);
  });
});
