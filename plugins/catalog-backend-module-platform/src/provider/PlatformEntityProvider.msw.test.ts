import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { PlatformApiClient } from '@fractal/backstage-plugin-platform-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { platformProviderDefaults } from '../config/readPlatformProviderConfig';
import { loadKind, loadResource } from '../transforms/__fixtures__/loadFixture';
import { PlatformEntityProvider } from './PlatformEntityProvider';

const BASE = 'http://backend.test/api/platform';

describe('PlatformEntityProvider over HTTP', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function createProvider() {
    const auth = mockServices.auth({ pluginId: 'catalog' });
    return new PlatformEntityProvider({
      client: new PlatformApiClient({
        discovery: mockServices.discovery.mock({ getBaseUrl: async () => BASE }),
        auth,
      }),
      auth,
      logger: mockServices.logger.mock(),
      taskRunner: { run: jest.fn() },
      config: platformProviderDefaults,
    });
  }

  it('reads the backend API with a service token of the catalog and applies the entities', async () => {
    const seen: Array<{ path: string; authorization: string | null }> = [];
    const items: Record<string, unknown[]> = {
      '/kinds': [loadKind('kind-postgres')],
      '/resources': [loadResource('resource-postgres-payments')],
      '/clusters': [{ name: 'prod-eu', connected: true, synced: true, kinds: 1, objects: 1 }],
    };
    server.use(
      http.get(`${BASE}/*`, ({ request }) => {
        const path = new URL(request.url).pathname.replace('/api/platform', '');
        seen.push({ path, authorization: request.headers.get('authorization') });
        return HttpResponse.json({ items: items[path] });
      }),
    );
    const connection = { applyMutation: jest.fn(async () => {}), refresh: jest.fn() };
    const provider = createProvider();
    await provider.connect(connection);

    await expect(provider.refresh('schedule')).resolves.toEqual({
      mutation: 'full',
      entities: 2,
      syncingClusters: [],
    });
    expect(seen.map(s => s.path).sort()).toEqual(['/clusters', '/kinds', '/resources']);
    const expectedToken = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:catalog'),
      targetPluginId: 'platform',
    });
    expect(seen.every(s => s.authorization === expectedToken)).toBe(true);
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          entity: expect.objectContaining({ kind: 'API' }),
        }),
        expect.objectContaining({
          entity: expect.objectContaining({
            kind: 'Resource',
            spec: expect.objectContaining({ owner: 'group:default/payments' }),
          }),
        }),
      ],
    });
  });

  it('reports a refused request with the backend error and applies nothing', async () => {
    server.use(
      http.get(`${BASE}/*`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Service principals are not allowed' },
            request: { method: 'GET', url: '/resources' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const connection = { applyMutation: jest.fn(async () => {}), refresh: jest.fn() };
    const provider = createProvider();
    await provider.connect(connection);

    await expect(provider.refresh('schedule')).rejects.toThrow(
      /platform backend.*Service principals are not allowed/,
    );
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});
