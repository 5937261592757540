import { ResponseError } from '@backstage/errors';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PlatformClient } from './PlatformClient';

const server = setupServer();
registerMswTestHooks(server);

const baseUrl = 'http://backstage.test/api/platform';
const window = {
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-01-31T00:00:00.000Z',
};

function createClient() {
  return new PlatformClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: new MockFetchApi(),
  });
}

/** Records every request and answers with a body naming its route. */
function recordRequests() {
  const seen: Array<{ method: string; url: URL; body?: unknown }> = [];
  server.use(
    http.all(`${baseUrl}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const body = request.method === 'POST' ? await request.json() : undefined;
      seen.push({ method: request.method, url, body });
      return HttpResponse.json({ route: url.pathname, items: [] });
    }),
  );
  return seen;
}

describe('PlatformClient', () => {
  it.each([
    ['listKinds', (c: PlatformClient) => c.listKinds(), 'GET', '/kinds', ''],
    [
      'listClusters',
      (c: PlatformClient) => c.listClusters(),
      'GET',
      '/clusters',
      '',
    ],
    [
      'listResources without filters',
      (c: PlatformClient) => c.listResources(),
      'GET',
      '/resources',
      '',
    ],
    [
      'listResources with filters',
      (c: PlatformClient) =>
        c.listResources({
          entityRef: 'component:default/orders-service',
          tenant: 'payments',
          kind: 'PostgreSQLInstance',
          cluster: 'prod-eu',
        }),
      'GET',
      '/resources',
      '?entityRef=component%3Adefault%2Forders-service&tenant=payments&kind=PostgreSQLInstance&cluster=prod-eu',
    ],
    [
      'getResource (path segments encoded)',
      (c: PlatformClient) => c.getResource('prod eu', 'uid/1'),
      'GET',
      '/clusters/prod%20eu/resources/uid%2F1',
      '',
    ],
    [
      'getHistory',
      (c: PlatformClient) =>
        c.getHistory({
          tenant: 'payments',
          from: window.from,
          to: window.to,
          limit: 5000,
          offset: 0,
        }),
      'GET',
      '/history',
      '?tenant=payments&from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-31T00%3A00%3A00.000Z&limit=5000&offset=0',
    ],
    [
      'getTenantMetrics',
      (c: PlatformClient) => c.getTenantMetrics('payments', window),
      'GET',
      '/metrics/tenants/payments',
      '?from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-31T00%3A00%3A00.000Z',
    ],
    [
      'getAdoption',
      (c: PlatformClient) => c.getAdoption(window),
      'GET',
      '/metrics/adoption',
      '?from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-31T00%3A00%3A00.000Z',
    ],
    [
      'getScoreboard',
      (c: PlatformClient) => c.getScoreboard(window),
      'GET',
      '/scoreboard',
      '?from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-31T00%3A00%3A00.000Z',
    ],
  ] as const)('%s', async (_name, call, method, path, search) => {
    const seen = recordRequests();
    const result = await call(createClient());
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe(method);
    expect(seen[0].url.pathname).toBe(`/api/platform${path}`);
    expect(seen[0].url.search).toBe(search);
    expect(result).toEqual({ route: `/api/platform${path}`, items: [] });
  });

  it('posts the compile request as JSON', async () => {
    const seen = recordRequests();
    const request = {
      kind: 'PostgreSQLInstance',
      tenant: 'payments',
      name: 'orders-db',
      environment: 'production',
      parameters: { storageGB: 50 },
    };
    await createClient().compile(request);
    expect(seen).toEqual([
      expect.objectContaining({ method: 'POST', body: request }),
    ]);
  });

  it.each([
    [400, 'InputError', 'metadata.name: must be a DNS-1123 label'],
    [403, 'NotAllowedError', 'not a member of tenant payments'],
    [404, 'NotFoundError', 'No platform resource dev/abc'],
    [500, 'Error', 'informer cache not ready'],
  ])(
    'rejects with a ResponseError carrying the %s body',
    async (status, name, message) => {
      server.use(
        http.get(`${baseUrl}/clusters/dev/resources/abc`, () =>
          HttpResponse.json(
            { error: { name, message }, response: { statusCode: status } },
            { status },
          ),
        ),
      );
      const error = await createClient()
        .getResource('dev', 'abc')
        .catch(e => e);
      expect(ResponseError.is(error)).toBe(true);
      expect(error.statusCode).toBe(status);
      expect(error.cause.name).toBe(name);
      expect(error.cause.message).toBe(message);
    },
  );
});
