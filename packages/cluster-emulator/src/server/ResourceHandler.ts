import { IncomingMessage, ServerResponse } from 'node:http';
import { JsonObject } from '../util/json';
import { KubeObject } from '../util/objects';
import { AccessRequest, Identity, isAllowed } from '../auth/identities';
import {
  forbidden,
  methodNotAllowed,
  pathNotFound,
  StatusError,
} from '../api/StatusError';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { listObjects } from '../service/listObjects';
import { WriteResult } from '../service/ObjectService';
import { groupVersionOf, ResourceType } from '../store/ResourceType';
import { WriteScope } from '../fields/managedFields';
import { mediaType, parseBody, readBody, sendJsonText } from './http';
import { ListBodyCache } from './ListBodyCache';
import {
  flag,
  objectFor,
  readDeleteOptions,
  renderFor,
  writeOptions,
} from './requestOptions';
import { answerSelfReview, isSelfReview } from './selfReviews';
import { serveWatch, WatchSettings } from './serveWatch';
import { Route } from './routes';
import { renderTable, wantsTable } from './table';
import { WatchStream } from './WatchStream';

export type { WatchSettings } from './serveWatch';

type ResourceRoute = Extract<Route, { kind: 'resource' }>;

const COMMA = Buffer.from(',');

/** Query parameters that change a list's answer. */
const LIST_PARAMS = [
  'labelSelector',
  'fieldSelector',
  'limit',
  'continue',
  'resourceVersion',
  'resourceVersionMatch',
];

export class ResourceHandler {
  constructor(
    private readonly cluster: EmulatedCluster,
    private readonly watchSettings: WatchSettings,
    private readonly openWatches: Set<WatchStream>,
    private readonly listCache: ListBodyCache,
  ) {}

  async handle(
    route: ResourceRoute,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    identity: Identity,
  ): Promise<void> {
    const registry = this.cluster.core.registry;
    const type = registry.get(route.group, route.version, route.plural);
    if (!type) throw pathNotFound();
    if (
      (route.namespace !== undefined && !type.namespaced) ||
      (type.namespaced &&
        route.name !== undefined &&
        route.namespace === undefined)
    ) {
      throw pathNotFound();
    }
    let scope: WriteScope = 'main';
    if (route.subresource !== undefined) {
      const finalize =
        type.plural === 'namespaces' && route.subresource === 'finalize';
      if (
        !(route.subresource === 'status' && type.statusSubresource) &&
        !finalize
      )
        throw pathNotFound();
      if (route.subresource === 'status') scope = 'status';
    }
    if (isSelfReview(type)) {
      if (req.method !== 'POST' || route.name !== undefined)
        throw methodNotAllowed();
      const body = parseBody(
        await readBody(req),
        mediaType(req.headers['content-type']),
      );
      const answer = answerSelfReview(type, body, identity, registry, ns =>
        this.cluster.tenantOf(ns),
      );
      sendJsonText(res, 201, JSON.stringify(answer));
      return;
    }
    const watch = route.watchPath || flag(url, 'watch');
    const verb = this.verbOf(req.method ?? 'GET', route, watch);
    const access: AccessRequest = {
      verb,
      group: type.group,
      resource: type.plural,
      subresource: route.subresource,
      namespace: route.namespace,
      name: route.name,
      custom: !type.builtin,
    };
    if (!isAllowed(identity, access, ns => this.cluster.tenantOf(ns))) {
      throw forbidden({ ...access, user: identity.name });
    }
    const slow = this.cluster.faults.slowStreamMs;
    switch (verb) {
      case 'get':
        this.get(type, route, req, res, url, slow);
        return;
      case 'list':
        this.list(type, route, req, res, url, slow);
        return;
      case 'watch':
        serveWatch(
          {
            cluster: this.cluster,
            settings: this.watchSettings,
            openWatches: this.openWatches,
          },
          type,
          route,
          req,
          res,
          url,
        );
        return;
      case 'create':
      case 'update':
      case 'patch':
        await this.write(verb, type, route, scope, req, res, url, slow);
        return;
      case 'delete':
        await this.delete(type, route, req, res, url, slow);
        return;
      case 'deletecollection':
        await this.deleteCollection(type, route, req, res, url, slow);
        return;
      default:
        throw methodNotAllowed();
    }
  }

  private verbOf(method: string, route: ResourceRoute, watch: boolean): string {
    const named = route.name !== undefined;
    switch (method) {
      case 'GET':
        if (watch) return 'watch';
        return named ? 'get' : 'list';
      case 'POST':
        if (named) throw methodNotAllowed();
        return 'create';
      case 'PUT':
        if (!named) throw methodNotAllowed();
        return 'update';
      case 'PATCH':
        if (!named) throw methodNotAllowed();
        return 'patch';
      case 'DELETE':
        return named ? 'delete' : 'deletecollection';
      default:
        throw methodNotAllowed();
    }
  }

  private get(
    type: ResourceType,
    route: ResourceRoute,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    slow: number,
  ): void {
    const stored = this.cluster.service.get(type, route.namespace, route.name!);
    if (wantsTable(req.headers.accept)) {
      const table = renderTable(
        type,
        [objectFor(type, stored.object)],
        String(stored.rv),
        this.cluster.core.now(),
        url.searchParams.get('includeObject') ?? undefined,
      );
      sendJsonText(res, 200, JSON.stringify(table), { slowChunkMs: slow });
      return;
    }
    sendJsonText(res, 200, renderFor(type)(stored), { slowChunkMs: slow });
  }

  private list(
    type: ResourceType,
    route: ResourceRoute,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    slow: number,
  ): void {
    const tableOutput = wantsTable(req.headers.accept);
    const table = this.cluster.core.store.table(type.storageKey);
    const cacheKey = tableOutput
      ? undefined
      : JSON.stringify([
          type.storageKey,
          type.version,
          route.namespace ?? '',
          ...LIST_PARAMS.map(p => url.searchParams.get(p) ?? ''),
        ]);
    const cached = cacheKey ? this.listCache.get(cacheKey, table) : undefined;
    if (cached) {
      sendJsonText(res, 200, cached, { slowChunkMs: slow });
      return;
    }
    const limit = url.searchParams.get('limit');
    const result = listObjects(this.cluster.core.store, type, route.namespace, {
      labelSelector: url.searchParams.get('labelSelector') ?? undefined,
      fieldSelector: url.searchParams.get('fieldSelector') ?? undefined,
      limit: limit ? Number(limit) : undefined,
      continue: url.searchParams.get('continue') ?? undefined,
      resourceVersion: url.searchParams.get('resourceVersion') ?? undefined,
      resourceVersionMatch:
        url.searchParams.get('resourceVersionMatch') ?? undefined,
    });
    if (tableOutput) {
      const rendered = renderTable(
        type,
        result.items.map(s => objectFor(type, s.object)),
        String(result.resourceVersion),
        this.cluster.core.now(),
        url.searchParams.get('includeObject') ?? undefined,
        result.continue,
      );
      sendJsonText(res, 200, JSON.stringify(rendered), { slowChunkMs: slow });
      return;
    }
    const render = renderFor(type);
    const metadata: JsonObject = {};
    if (result.continue) metadata.continue = result.continue;
    if (result.remainingItemCount !== undefined)
      metadata.remainingItemCount = result.remainingItemCount;
    metadata.resourceVersion = String(result.resourceVersion);
    // Cached per-object bytes are copied once into the body: no big string, no re-encoding.
    const parts: Buffer[] = [
      Buffer.from(
        `{"apiVersion":${JSON.stringify(groupVersionOf(type))},"items":[`,
      ),
    ];
    result.items.forEach((stored, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(render(stored));
    });
    parts.push(
      Buffer.from(
        `],"kind":${JSON.stringify(type.listKind)},"metadata":${JSON.stringify(
          metadata,
        )}}`,
      ),
    );
    const body = Buffer.concat(parts);
    if (cacheKey) this.listCache.set(cacheKey, table, body);
    sendJsonText(res, 200, body, { slowChunkMs: slow });
  }

  private async write(
    verb: 'create' | 'update' | 'patch',
    type: ResourceType,
    route: ResourceRoute,
    scope: WriteScope,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    slow: number,
  ): Promise<void> {
    const options = writeOptions(url, req);
    const contentType = mediaType(req.headers['content-type']);
    const body = parseBody(await readBody(req), contentType);
    const service = this.cluster.service;
    let result: WriteResult;
    if (verb === 'create') {
      result = service.create(type, route.namespace, body, options);
    } else if (verb === 'update') {
      result = service.update(
        type,
        route.namespace,
        route.name!,
        body,
        scope,
        options,
      );
    } else {
      result = service.patch(
        type,
        route.namespace,
        route.name!,
        contentType,
        body,
        scope,
        options,
      );
    }
    const json = result.stored
      ? renderFor(type)(result.stored)
      : JSON.stringify(objectFor(type, result.object));
    sendJsonText(res, result.created ? 201 : 200, json, {
      warnings: options.warnings,
      slowChunkMs: slow,
    });
  }

  private async delete(
    type: ResourceType,
    route: ResourceRoute,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    slow: number,
  ): Promise<void> {
    const options = await readDeleteOptions(req, url);
    const result = this.cluster.service.delete(
      type,
      route.namespace,
      route.name!,
      options,
    );
    if (result.kind === 'status') {
      sendJsonText(res, 200, JSON.stringify(result.status), {
        slowChunkMs: slow,
      });
      return;
    }
    const json = result.stored
      ? renderFor(type)(result.stored)
      : JSON.stringify(objectFor(type, result.object));
    sendJsonText(res, 200, json, { slowChunkMs: slow });
  }

  private async deleteCollection(
    type: ResourceType,
    route: ResourceRoute,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    slow: number,
  ): Promise<void> {
    const options = await readDeleteOptions(req, url);
    const result = listObjects(this.cluster.core.store, type, route.namespace, {
      labelSelector: url.searchParams.get('labelSelector') ?? undefined,
      fieldSelector: url.searchParams.get('fieldSelector') ?? undefined,
    });
    const deleted: KubeObject[] = [];
    for (const stored of result.items) {
      const meta = stored.object.metadata as JsonObject;
      try {
        const outcome = this.cluster.service.delete(
          type,
          meta.namespace as string | undefined,
          String(meta.name),
          options,
        );
        deleted.push(
          outcome.kind === 'object' ? outcome.object : stored.object,
        );
      } catch (error) {
        if (!(error instanceof StatusError && error.code === 404)) throw error;
      }
    }
    const body = {
      apiVersion: groupVersionOf(type),
      items: deleted.map(o => objectFor(type, o)),
      kind: type.listKind,
      metadata: {
        resourceVersion: String(this.cluster.core.store.resourceVersion),
      },
    };
    sendJsonText(res, 200, JSON.stringify(body), { slowChunkMs: slow });
  }
}
