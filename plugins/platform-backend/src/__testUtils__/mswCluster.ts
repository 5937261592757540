import { http, HttpResponse } from 'msw';

/** A tiny Kubernetes API for msw: collections served for list, watches kept open. */
export interface MswClusterData {
  [collectionPath: string]: unknown[];
}

const encoder = new TextEncoder();

/** A watch stream: a first BOOKMARK at once (clients wait for the first chunk), then `push`. */
export class MswWatchStream {
  private controller?: ReadableStreamDefaultController<Uint8Array>;
  readonly body: ReadableStream<Uint8Array>;

  constructor(resourceVersion: string) {
    this.body = new ReadableStream({
      start: controller => {
        this.controller = controller;
        this.push('BOOKMARK', { metadata: { resourceVersion } });
      },
    });
  }

  push(type: string, object: unknown): void {
    try {
      this.controller?.enqueue(
        encoder.encode(`${JSON.stringify({ type, object })}\n`),
      );
    } catch {
      // the client went away
    }
  }

  close(): void {
    try {
      this.controller?.close();
    } catch {
      // already closed
    }
  }
}

/**
 * msw handlers of a fake cluster at `baseUrl`. Lists answer from `data`;
 * discovery documents from `discovery`; watches stay open and are kept in
 * `watches` so a test can push events.
 */
export function mswCluster(
  baseUrl: string,
  data: MswClusterData,
  discovery: Record<string, unknown> = {},
) {
  const watches: Array<{ path: string; stream: MswWatchStream }> = [];
  const handler = http.get(`${baseUrl}/*`, ({ request }) => {
    const url = new URL(request.url);
    if (discovery[url.pathname]) {
      return HttpResponse.json(discovery[url.pathname] as object);
    }
    const items = data[url.pathname];
    if (!items) {
      return HttpResponse.json(
        {
          kind: 'Status',
          code: 404,
          reason: 'NotFound',
          message: `${url.pathname} not found`,
        },
        { status: 404 },
      );
    }
    if (url.searchParams.get('watch') === 'true') {
      const stream = new MswWatchStream(
        url.searchParams.get('resourceVersion') ?? '1',
      );
      watches.push({ path: url.pathname, stream });
      return new HttpResponse(stream.body, {
        headers: { 'content-type': 'application/json' },
      });
    }
    return HttpResponse.json({ metadata: { resourceVersion: '100' }, items });
  });
  return {
    handler,
    watches,
    closeAll: () => watches.forEach(w => w.stream.close()),
    /** Pushes an event to every open watch of a path. */
    push(path: string, type: string, object: unknown) {
      watches
        .filter(w => w.path === path)
        .forEach(w => w.stream.push(type, object));
    },
  };
}
