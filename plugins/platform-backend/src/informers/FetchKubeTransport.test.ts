import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FetchKubeTransport } from './FetchKubeTransport';
import type { KubeWatchEvent } from './KubeTransport';

const SERVER = 'https://kube.test:6443';

function kubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: SERVER, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'reader-token' }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return kc;
}

function stream(lines: unknown[]): ReadableStream {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const line of lines) {
        controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      }
      controller.close();
    },
  });
}

describe('FetchKubeTransport', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const transport = new FetchKubeTransport(kubeConfig());

  it('lists with the token and query', async () => {
    let seen: { url?: string; auth?: string | null } = {};
    server.use(
      http.get(`${SERVER}/apis/g/v1/things`, ({ request }) => {
        seen = { url: request.url, auth: request.headers.get('authorization') };
        return HttpResponse.json({
          kind: 'ThingList',
          metadata: { resourceVersion: '7', continue: 'abc' },
          items: [{ metadata: { name: 'a', uid: '1' } }],
        });
      }),
    );
    const page = await transport.list('/apis/g/v1/things', {
      limit: 500,
      labelSelector: 'x=y',
      continue: undefined,
    });
    expect(page).toMatchObject({
      metadata: { resourceVersion: '7', continue: 'abc' },
      items: [{ metadata: { uid: '1' } }],
    });
    expect(seen.auth).toBe('Bearer reader-token');
    expect(new URL(seen.url!).search).toBe('?limit=500&labelSelector=x%3Dy');
  });

  it.each<[number, object, string | undefined, string]>([
    [
      403,
      {
        kind: 'Status',
        code: 403,
        reason: 'Forbidden',
        message: 'things is forbidden: User "r" cannot list',
      },
      'Forbidden',
      'things is forbidden',
    ],
    [
      410,
      {
        kind: 'Status',
        code: 410,
        reason: 'Expired',
        message: 'continue token expired',
      },
      'Expired',
      'continue token expired',
    ],
    [503, {}, undefined, 'Kubernetes API answered 503'],
  ])(
    'turns a %i Status into a KubeApiError',
    async (status, body, reason, message) => {
      server.use(
        http.get(`${SERVER}/api/v1/namespaces`, () =>
          HttpResponse.json(body, { status }),
        ),
      );
      await expect(
        transport.list('/api/v1/namespaces', {}),
      ).rejects.toMatchObject({
        name: 'KubeApiError',
        statusCode: status,
        reason,
        message: expect.stringContaining(message),
      });
    },
  );

  it('reports connection errors without a status code', async () => {
    server.use(
      http.get(`${SERVER}/api/v1/namespaces`, () => HttpResponse.error()),
    );
    await expect(
      transport.list('/api/v1/namespaces', {}),
    ).rejects.toMatchObject({
      name: 'KubeApiError',
      statusCode: undefined,
    });
  });

  it('streams watch events in order, then reports the close', async () => {
    let query = '';
    server.use(
      http.get(`${SERVER}/apis/g/v1/things`, ({ request }) => {
        query = new URL(request.url).search;
        return new HttpResponse(
          stream([
            {
              type: 'ADDED',
              object: { metadata: { uid: '1', resourceVersion: '8' } },
            },
            {
              type: 'BOOKMARK',
              object: { metadata: { resourceVersion: '9' } },
            },
            {
              type: 'ERROR',
              object: { kind: 'Status', code: 410, reason: 'Expired' },
            },
          ]),
          { headers: { 'content-type': 'application/json' } },
        );
      }),
    );
    const events: KubeWatchEvent[] = [];
    const done = new Promise<unknown>(resolve => {
      transport.watch(
        '/apis/g/v1/things',
        { resourceVersion: '7', allowWatchBookmarks: true, timeoutSeconds: 60 },
        e => events.push(e),
        resolve,
      );
    });
    await expect(done).resolves.toBeUndefined();
    expect(events.map(e => e.type)).toEqual(['ADDED', 'BOOKMARK', 'ERROR']);
    expect(query).toContain('watch=true');
    expect(query).toContain('resourceVersion=7');
    expect(query).toContain('allowWatchBookmarks=true');
  });

  it('reports a failed watch request with its status code', async () => {
    server.use(
      http.get(
        `${SERVER}/apis/g/v1/things`,
        () => new HttpResponse(null, { status: 410 }),
      ),
    );
    const error = await new Promise<unknown>(resolve => {
      transport.watch('/apis/g/v1/things', {}, () => {}, resolve);
    });
    expect(error).toMatchObject({
      name: 'KubeApiError',
      statusCode: 410,
      reason: 'Expired',
    });
  });
});
