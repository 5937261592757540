import { ServiceUnavailableError } from '@backstage/errors';
import { type KubeConfig, Watch } from '@kubernetes/client-node';
import type {
  JsonObject,
  NamespaceInfo,
  ResourceEvent,
} from '@fractal/backstage-plugin-platform-common';
import fetch, { Headers } from 'node-fetch';
import { errorFromKubeStatus } from './kubeErrors';
import type {
  ClusterKind,
  KubeObject,
  ObjectKey,
  PlatformClusterClient,
  WatchEvent,
} from './types';

const REQUEST_TIMEOUT_MS = 30_000;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKubeObject(value: unknown): value is KubeObject {
  return (
    isObject(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    isObject(value.metadata) &&
    typeof value.metadata.name === 'string'
  );
}

/** `/api/v1` or `/apis/<group>/<version>`. */
function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/')
    ? `/apis/${apiVersion}`
    : `/api/${apiVersion}`;
}

/** The collection path of a key's kind, in its namespace when namespaced. */
export function collectionPath(key: Omit<ObjectKey, 'name'>): string {
  const namespace = key.namespace
    ? `/namespaces/${encodeURIComponent(key.namespace)}`
    : '';
  return `${groupVersionPath(key.apiVersion)}${namespace}/${key.plural}`;
}

export function objectPath(key: ObjectKey): string {
  return `${collectionPath(key)}/${encodeURIComponent(key.name)}`;
}

function toNamespaceInfo(object: JsonObject): NamespaceInfo | undefined {
  const metadata = object.metadata;
  if (!isObject(metadata) || typeof metadata.name !== 'string')
    return undefined;
  const labels: Record<string, string> = {};
  if (isObject(metadata.labels)) {
    for (const [key, value] of Object.entries(metadata.labels)) {
      if (typeof value === 'string') labels[key] = value;
    }
  }
  return { name: metadata.name, labels };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function toEvent(object: JsonObject, cluster: string): ResourceEvent {
  const involved = isObject(object.involvedObject) ? object.involvedObject : {};
  const namespace = stringOr(involved.namespace, '');
  return {
    type: stringOr(object.type, 'Normal'),
    reason: stringOr(object.reason, ''),
    message: stringOr(object.message, ''),
    count: typeof object.count === 'number' ? object.count : 1,
    firstTimestamp:
      stringOr(object.firstTimestamp, '') ||
      stringOr(object.eventTime, '') ||
      undefined,
    lastTimestamp:
      stringOr(object.lastTimestamp, '') ||
      stringOr(object.eventTime, '') ||
      undefined,
    involvedObject: {
      cluster,
      apiVersion: stringOr(involved.apiVersion, ''),
      kind: stringOr(involved.kind, ''),
      ...(namespace ? { namespace } : {}),
      name: stringOr(involved.name, ''),
      ...(typeof involved.uid === 'string' ? { uid: involved.uid } : {}),
    },
  };
}

/** The served (storage first) version of a CRD and its schema. */
function toClusterKind(crd: JsonObject): ClusterKind | undefined {
  const spec = crd.spec;
  if (
    !isObject(spec) ||
    !isObject(spec.names) ||
    !Array.isArray(spec.versions)
  ) {
    return undefined;
  }
  const versions = spec.versions.filter(
    (v): v is JsonObject => isObject(v) && v.served === true,
  );
  const version = versions.find(v => v.storage === true) ?? versions[0];
  if (!version || typeof version.name !== 'string') return undefined;
  const { group } = spec;
  const { kind, plural } = spec.names;
  if (
    typeof group !== 'string' ||
    typeof kind !== 'string' ||
    typeof plural !== 'string'
  ) {
    return undefined;
  }
  const schema =
    isObject(version.schema) && isObject(version.schema.openAPIV3Schema)
      ? version.schema.openAPIV3Schema
      : undefined;
  return {
    group,
    version: version.name,
    kind,
    plural,
    scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    schema,
    crd,
  };
}

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/**
 * {@link PlatformClusterClient} over HTTPS with a `KubeConfig` (its CA, TLS
 * settings and bearer token), using node-fetch for requests and
 * `@kubernetes/client-node`'s `Watch` for watches.
 */
export class HttpPlatformClusterClient implements PlatformClusterClient {
  private readonly watcher: Watch;

  constructor(
    readonly cluster: string,
    private readonly kubeConfig: KubeConfig,
  ) {
    this.watcher = new Watch(kubeConfig);
  }

  async listNamespaces(): Promise<NamespaceInfo[]> {
    const list = await this.request(
      'GET',
      '/api/v1/namespaces',
      'list namespaces',
    );
    const items = isObject(list) && Array.isArray(list.items) ? list.items : [];
    return items.filter(isObject).flatMap(item => toNamespaceInfo(item) ?? []);
  }

  async getNamespace(name: string): Promise<NamespaceInfo | undefined> {
    const object = await this.request(
      'GET',
      `/api/v1/namespaces/${encodeURIComponent(name)}`,
      `get namespace ${name}`,
      { notFound: 'undefined' },
    );
    return isObject(object) ? toNamespaceInfo(object) : undefined;
  }

  async listKinds(options: {
    labelSelector: string;
    include: Array<{ group: string; plural: string }>;
  }): Promise<ClusterKind[]> {
    const list = await this.request(
      'GET',
      `${CRDS}?labelSelector=${encodeURIComponent(options.labelSelector)}`,
      'list platform CRDs',
    );
    const crds = (
      isObject(list) && Array.isArray(list.items) ? list.items : []
    ).filter(isObject);
    const names = new Set(
      crds.map(crd => (isObject(crd.metadata) ? crd.metadata.name : undefined)),
    );
    for (const { group, plural } of options.include) {
      const name = `${plural}.${group}`;
      if (names.has(name)) continue;
      const crd = await this.request(
        'GET',
        `${CRDS}/${encodeURIComponent(name)}`,
        `get CRD ${name}`,
        { notFound: 'undefined' },
      );
      if (isObject(crd)) crds.push(crd);
    }
    return crds.flatMap(crd => toClusterKind(crd) ?? []);
  }

  async get(key: ObjectKey): Promise<KubeObject | undefined> {
    const object = await this.request(
      'GET',
      objectPath(key),
      `get ${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`,
      { notFound: 'undefined' },
    );
    return isKubeObject(object) ? object : undefined;
  }

  async apply(
    key: ObjectKey,
    manifest: JsonObject,
    options: { fieldManager: string; dryRun: boolean },
  ): Promise<KubeObject> {
    const query = new URLSearchParams({ fieldManager: options.fieldManager });
    if (options.dryRun) query.set('dryRun', 'All');
    const object = await this.request(
      'PATCH',
      `${objectPath(key)}?${query}`,
      `${options.dryRun ? 'dry-run apply' : 'apply'} ${key.kind} ${
        key.namespace ? `${key.namespace}/` : ''
      }${key.name}`,
      { body: manifest, contentType: 'application/apply-patch+yaml' },
    );
    if (!isKubeObject(object)) {
      throw new ServiceUnavailableError(
        `cluster ${this.cluster} answered the apply of ${key.kind} ${key.name} without an object`,
      );
    }
    return object;
  }

  async watch(
    key: ObjectKey,
    options: { resourceVersion?: string; timeoutSeconds: number },
    onEvent: (event: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const params: Record<string, string> = {
      fieldSelector: `metadata.name=${key.name}`,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(options.timeoutSeconds),
    };
    if (options.resourceVersion)
      params.resourceVersion = options.resourceVersion;
    await new Promise<void>((resolve, reject) => {
      let controller: AbortController | undefined;
      const onAbort = () => controller?.abort();
      let settled = false;
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      this.watcher
        .watch(
          collectionPath(key),
          params,
          (type: string, object: unknown) => {
            if (type === 'ERROR') {
              const code =
                isObject(object) && typeof object.code === 'number'
                  ? object.code
                  : 500;
              finish(
                errorFromKubeStatus(
                  code,
                  object,
                  `watch ${key.kind} ${key.name} in cluster ${this.cluster}`,
                ),
              );
              controller?.abort();
              return;
            }
            if (!isKubeObject(object) || type === 'BOOKMARK') return;
            onEvent({
              type: type === 'DELETED' ? 'deleted' : 'object',
              object,
            });
          },
          (error: unknown) => {
            if (
              !error ||
              (error instanceof Error && error.name === 'AbortError')
            ) {
              finish();
              return;
            }
            const statusCode = (error as { statusCode?: number }).statusCode;
            finish(
              statusCode
                ? errorFromKubeStatus(
                    statusCode,
                    undefined,
                    `watch ${key.kind} ${key.name} in cluster ${this.cluster}`,
                  )
                : new ServiceUnavailableError(
                    `watch ${key.kind} ${key.name} in cluster ${
                      this.cluster
                    } failed: ${
                      error instanceof Error ? error.message : String(error)
                    }`,
                  ),
            );
          },
        )
        .then(
          c => {
            controller = c;
            if (signal.aborted) c.abort();
            else signal.addEventListener('abort', onAbort);
          },
          error => finish(error),
        );
    });
  }

  async listEvents(involved: {
    namespace?: string;
    name: string;
    kind: string;
    uid?: string;
  }): Promise<ResourceEvent[]> {
    const selector = [
      `involvedObject.name=${involved.name}`,
      `involvedObject.kind=${involved.kind}`,
      ...(involved.uid ? [`involvedObject.uid=${involved.uid}`] : []),
    ].join(',');
    const namespace = involved.namespace ?? 'default';
    const list = await this.request(
      'GET',
      `/api/v1/namespaces/${encodeURIComponent(
        namespace,
      )}/events?fieldSelector=${encodeURIComponent(selector)}`,
      `list Events of ${involved.kind} ${involved.name}`,
    );
    const items = (
      isObject(list) && Array.isArray(list.items) ? list.items : []
    ).filter(isObject);
    return items
      .map(item => toEvent(item, this.cluster))
      .sort((a, b) =>
        (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''),
      );
  }

  private async request(
    method: 'GET' | 'PATCH',
    pathAndQuery: string,
    what: string,
    options: {
      body?: JsonObject;
      contentType?: string;
      notFound?: 'undefined';
    } = {},
  ): Promise<unknown> {
    const server = this.kubeConfig.getCurrentCluster()?.server;
    const description = `${what} in cluster ${this.cluster}`;
    if (!server) {
      throw new ServiceUnavailableError(`${description}: no server configured`);
    }
    const init = await this.kubeConfig.applyToFetchOptions({});
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json');
    if (options.contentType) headers.set('Content-Type', options.contentType);
    let response;
    try {
      response = await fetch(`${server}${pathAndQuery}`, {
        agent: init.agent,
        method,
        headers,
        body: options.body ? JSON.stringify(options.body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) as never,
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `${description} failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.status === 404 && options.notFound === 'undefined') {
      return undefined;
    }
    if (!response.ok) {
      throw errorFromKubeStatus(response.status, body, description);
    }
    return body;
  }
}
