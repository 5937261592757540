import { createServer, Server } from 'node:https';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { isError } from '@backstage/errors';
import { Identity } from '../auth/identities';
import {
  forbidden,
  pathNotFound,
  StatusError,
  unauthorized,
} from '../api/StatusError';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { FaultSettings, parseFaultSettings } from '../faults/FaultState';
import { EmulatorLogger } from '../util/logger';
import { JsonValue } from '../util/json';
import {
  apiGroup,
  coreVersions,
  groupList,
  resourceList,
  versionInfo,
} from './discovery';
import { parseBody, readBody, sendError, sendJsonText } from './http';
import { ListBodyCache } from './ListBodyCache';
import { ResourceHandler, WatchSettings } from './ResourceHandler';
import { openApiGroupVersion, openApiRoot, openApiV2 } from './openapi';
import { parseRoute } from './routes';
import { WatchStream } from './WatchStream';

/** Extra admin routes under `/__emulator/` (the ground-truth log). */
export interface AdminExtension {
  groundTruth(cluster: string): unknown;
}

/** Options of one cluster's HTTPS server. */
export interface ApiServerOptions {
  cluster: EmulatedCluster;
  host: string;
  port: number;
  key: string;
  cert: string;
  identities: Identity[];
  watch: WatchSettings;
  logger: EmulatorLogger;
  admin?: AdminExtension;
}

const INJECTED: Record<number, [string, string]> = {
  500: ['InternalError', 'Internal error occurred: injected fault'],
  502: ['InternalError', 'bad gateway (injected fault)'],
  503: [
    'ServiceUnavailable',
    'the server is currently unable to handle the request (injected fault)',
  ],
  504: [
    'Timeout',
    'the server was unable to return a response in the time allotted, but may still be processing the request (injected fault)',
  ],
};

/** Memory for reusing list bodies of unchanged collections, per cluster. */
const LIST_CACHE_BYTES = 128 * 1024 * 1024;
/** Lists smaller than this are cheap to rebuild and are not kept. */
const LIST_CACHE_MIN_BODY_BYTES = 256 * 1024;

/** One emulated cluster's HTTPS API endpoint, with its faults. */
export class ApiServer {
  private server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly openWatches = new Set<WatchStream>();
  private readonly tokens: Map<string, Identity>;
  private readonly handler: ResourceHandler;
  private dropTimer: NodeJS.Timeout | undefined;
  private outageTimer: NodeJS.Timeout | undefined;
  private listening = false;
  private stopped = false;
  private boundPort: number;

  constructor(private readonly options: ApiServerOptions) {
    this.tokens = new Map(options.identities.map(i => [i.token, i]));
    this.handler = new ResourceHandler(
      options.cluster,
      options.watch,
      this.openWatches,
      new ListBodyCache(LIST_CACHE_BYTES, LIST_CACHE_MIN_BODY_BYTES),
    );
    this.boundPort = options.port;
    this.server = this.createServer();
    options.cluster.faults.onChange((settings, previous) =>
      this.applyFaults(settings, previous),
    );
    options.cluster.onStorageDropped(storageKey => {
      // Watches on a resource that is no longer served end, as the real server ends them.
      for (const stream of [...this.openWatches]) {
        if (stream.storageKey === storageKey) stream.close();
      }
    });
  }

  /** The port the server listens on (known after `listen`). */
  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    const host = this.options.host.includes(':')
      ? `[${this.options.host}]`
      : this.options.host;
    return `https://${host}:${this.boundPort}`;
  }

  /** Number of open watch streams. */
  get watchCount(): number {
    return this.openWatches.size;
  }

  private createServer(): Server {
    const server = createServer(
      { key: this.options.key, cert: this.options.cert, keepAlive: true },
      (req, res) => {
        this.handle(req, res).catch(error => sendError(res, error));
      },
    );
    server.keepAliveTimeout = 30_000;
    server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('secureConnection', socket => socket.setNoDelay(true));
    server.on('tlsClientError', () => {
      // Clients that disconnect during the handshake are not the server's problem.
    });
    return server;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(this.boundPort, this.options.host, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        if (address && typeof address === 'object')
          this.boundPort = address.port;
        resolve();
      });
    });
    this.listening = true;
    this.applyFaults(this.options.cluster.faults.settings, {});
  }

  /** Stops listening and drops every connection. */
  private async closeListener(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    for (const stream of [...this.openWatches]) stream.destroy();
    const closed = new Promise<void>(resolve =>
      this.server.close(() => resolve()),
    );
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closed;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.dropTimer) clearInterval(this.dropTimer);
    if (this.outageTimer) clearTimeout(this.outageTimer);
    this.dropTimer = undefined;
    this.outageTimer = undefined;
    await this.closeListener();
  }

  private applyFaults(settings: FaultSettings, previous: FaultSettings): void {
    if (this.stopped) return;
    if (
      settings.dropWatchesEverySeconds !== previous.dropWatchesEverySeconds ||
      !this.dropTimer
    ) {
      if (this.dropTimer) clearInterval(this.dropTimer);
      this.dropTimer = undefined;
      if (
        settings.dropWatchesEverySeconds &&
        settings.dropWatchesEverySeconds > 0
      ) {
        this.dropTimer = setInterval(() => {
          for (const stream of [...this.openWatches]) stream.close();
        }, settings.dropWatchesEverySeconds * 1000);
      }
    }
    if (settings.forceWatchExpired && !previous.forceWatchExpired) {
      for (const stream of [...this.openWatches])
        stream.expire('too old resource version: forced by fault injection');
    }
    if (settings.outageMs && settings.outageMs > 0 && this.listening) {
      const duration = settings.outageMs;
      this.options.logger.info('cluster outage started', {
        cluster: this.options.cluster.name,
        durationMs: duration,
      });
      // Let the admin request that started the outage get its answer first.
      setImmediate(() => {
        this.closeListener()
          .then(() => {
            if (this.stopped) return;
            this.outageTimer = setTimeout(() => {
              this.outageTimer = undefined;
              const { outageMs: _done, ...rest } =
                this.options.cluster.faults.settings;
              this.options.cluster.faults.set(rest);
              this.listen()
                .then(() => {
                  this.options.logger.info('cluster outage ended', {
                    cluster: this.options.cluster.name,
                  });
                })
                .catch(error =>
                  this.options.logger.error(
                    'could not listen again after an outage',
                    {
                      cluster: this.options.cluster.name,
                      error: isError(error) ? error.message : String(error),
                    },
                  ),
                );
            }, duration);
          })
          .catch(error =>
            this.options.logger.error(
              'could not close the listener for an outage',
              {
                cluster: this.options.cluster.name,
                error: String(error),
              },
            ),
          );
      });
    }
  }

  private authenticate(req: IncomingMessage): Identity {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    const identity = match ? this.tokens.get(match[1].trim()) : undefined;
    if (!identity) throw unauthorized();
    return identity;
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://emulator.invalid');
    const cluster = this.options.cluster;
    const route = parseRoute(url.pathname, cluster.core.registry);
    if (route.kind === 'health') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    if (route.kind !== 'admin') {
      const delay = cluster.faults.latency();
      if (delay > 0) await new Promise(resolve => setTimeout(resolve, delay));
      const code = cluster.faults.injectedError();
      if (code !== undefined) {
        const [reason, message] = INJECTED[code] ?? INJECTED[500];
        throw new StatusError(code, reason, message);
      }
    }
    const identity = this.authenticate(req);
    const json = (body: JsonValue) =>
      sendJsonText(res, 200, JSON.stringify(body));
    switch (route.kind) {
      case 'version':
        json(versionInfo());
        return;
      case 'coreVersions':
        json(coreVersions(`${this.options.host}:${this.boundPort}`));
        return;
      case 'groups':
        json(groupList(cluster.core.registry));
        return;
      case 'group': {
        const doc = apiGroup(cluster.core.registry, route.group);
        if (!doc) throw pathNotFound();
        json(doc);
        return;
      }
      case 'resourceList':
        json(resourceList(cluster.core.registry, route.group, route.version));
        return;
      case 'openapi':
        this.openApi(url, req, res);
        return;
      case 'admin':
        await this.admin(route.path, req, res, identity);
        return;
      case 'resource':
        await this.handler.handle(route, req, res, url, identity);
        return;
      default:
        throw pathNotFound();
    }
  }

  private openApi(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const registry = this.options.cluster.core.registry;
    if (url.pathname.startsWith('/openapi/v2')) {
      const accept = req.headers.accept ?? '';
      if (accept && !/json|\*\/\*/.test(accept)) {
        throw new StatusError(
          406,
          'NotAcceptable',
          `only the following media types are accepted: application/json`,
        );
      }
      sendJsonText(res, 200, JSON.stringify(openApiV2()));
      return;
    }
    const rest = url.pathname
      .replace(/^\/openapi\/v3\/?/, '')
      .split('/')
      .filter(Boolean);
    if (rest.length === 0) {
      sendJsonText(res, 200, JSON.stringify(openApiRoot(registry)));
      return;
    }
    const [prefix, a, b] = rest;
    let doc;
    if (prefix === 'api') doc = openApiGroupVersion(registry, '', a);
    else if (prefix === 'apis') doc = openApiGroupVersion(registry, a, b);
    if (!doc) throw pathNotFound();
    sendJsonText(res, 200, JSON.stringify(doc));
  }

  private async admin(
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
    identity: Identity,
  ): Promise<void> {
    const cluster = this.options.cluster;
    if (identity.role !== 'admin') {
      throw forbidden({
        user: identity.name,
        verb: (req.method ?? 'get').toLowerCase(),
        group: 'emulator.fractal.dev',
        resource: path.replace(/^\//, ''),
      });
    }
    const method = req.method ?? 'GET';
    if (path === '/faults') {
      if (method === 'GET') {
        sendJsonText(res, 200, JSON.stringify(cluster.faults.settings));
        return;
      }
      if (method === 'POST' || method === 'PUT') {
        const raw = await readBody(req);
        let settings: FaultSettings;
        try {
          settings = parseFaultSettings(parseBody(raw, 'application/json'));
        } catch (error) {
          if (error instanceof StatusError) throw error;
          throw new StatusError(
            400,
            'BadRequest',
            isError(error) ? error.message : String(error),
          );
        }
        sendJsonText(res, 200, JSON.stringify(settings));
        cluster.faults.set(settings);
        return;
      }
      if (method === 'DELETE') {
        cluster.faults.clear();
        sendJsonText(res, 200, JSON.stringify({}));
        return;
      }
    }
    if (path === '/ground-truth' && method === 'GET' && this.options.admin) {
      sendJsonText(
        res,
        200,
        JSON.stringify(this.options.admin.groundTruth(cluster.name)),
      );
      return;
    }
    if (path === '/compact' && method === 'POST') {
      cluster.core.store.compact();
      sendJsonText(
        res,
        200,
        JSON.stringify({
          resourceVersion: String(cluster.core.store.resourceVersion),
        }),
      );
      return;
    }
    throw pathNotFound();
  }
}
