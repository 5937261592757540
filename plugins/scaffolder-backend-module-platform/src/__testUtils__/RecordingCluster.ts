import { NotFoundError } from '@backstage/errors';
import type {
  JsonObject,
  NamespaceInfo,
  ResourceEvent,
} from '@fractal/backstage-plugin-platform-common';
import { demoPlatformCrds } from '@fractal/cluster-emulator';
import type {
  ClusterKind,
  KubeObject,
  ObjectKey,
  PlatformClusterClient,
  WatchEvent,
} from '../cluster/types';

/** One call to the fake cluster. */
export interface RecordedCall {
  method: keyof PlatformClusterClient;
  key?: ObjectKey;
  manifest?: JsonObject;
  dryRun?: boolean;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The self-service claim kinds of the demo platform, as the cluster serves them. */
export function demoClaimKinds(): ClusterKind[] {
  return demoPlatformCrds().flatMap(crd => {
    const metadata = isObject(crd.metadata) ? crd.metadata : {};
    const labels = isObject(metadata.labels) ? metadata.labels : {};
    const spec = isObject(crd.spec) ? crd.spec : {};
    const names = isObject(spec.names) ? spec.names : {};
    const versions = Array.isArray(spec.versions) ? spec.versions : [];
    const version = versions.find(isObject);
    const schemaHolder =
      version && isObject(version.schema) ? version.schema : {};
    if (labels['fractal.dev/self-service'] !== 'true' || !version) return [];
    return [
      {
        group: String(spec.group),
        version: String(version.name),
        kind: String(names.kind),
        plural: String(names.plural),
        scope:
          spec.scope === 'Cluster'
            ? ('Cluster' as const)
            : ('Namespaced' as const),
        schema: isObject(schemaHolder.openAPIV3Schema)
          ? schemaHolder.openAPIV3Schema
          : undefined,
        crd,
      },
    ];
  });
}

/**
 * An in-memory {@link PlatformClusterClient} that records every call: the
 * demo platform's kinds, one labelled namespace per tenant, and objects
 * stored as applied (no validation: it only proves what reached it).
 */
export class RecordingCluster implements PlatformClusterClient {
  readonly calls: RecordedCall[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly kinds = demoClaimKinds();
  private version = 1;

  constructor(
    readonly cluster: string = 'dev',
    private readonly tenants: string[] = ['payments', 'checkout', 'search'],
  ) {}

  /** Calls that would change the cluster (server-side apply, dry run or not). */
  writes(): RecordedCall[] {
    return this.calls.filter(c => c.method === 'apply');
  }

  async listNamespaces(): Promise<NamespaceInfo[]> {
    this.calls.push({ method: 'listNamespaces' });
    return [
      { name: 'default', labels: {} },
      ...this.tenants.map(t => ({
        name: `tenant-${t}`,
        labels: { 'fractal.dev/tenant': t },
      })),
    ];
  }

  async getNamespace(name: string): Promise<NamespaceInfo | undefined> {
    this.calls.push({ method: 'getNamespace' });
    return (await this.listNamespaces()).find(n => n.name === name);
  }

  async listKinds(): Promise<ClusterKind[]> {
    this.calls.push({ method: 'listKinds' });
    return this.kinds;
  }

  async get(key: ObjectKey): Promise<KubeObject | undefined> {
    this.calls.push({ method: 'get', key });
    return this.objects.get(this.id(key));
  }

  async apply(
    key: ObjectKey,
    manifest: JsonObject,
    options: { fieldManager: string; dryRun: boolean },
  ): Promise<KubeObject> {
    this.calls.push({ method: 'apply', key, manifest, dryRun: options.dryRun });
    const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
    const object: KubeObject = {
      ...manifest,
      apiVersion: String(manifest.apiVersion),
      kind: String(manifest.kind),
      metadata: {
        ...metadata,
        name: String(metadata.name),
        uid: `uid-${this.id(key)}`,
        resourceVersion: String(this.version++),
        managedFields: [{ manager: options.fieldManager }],
      },
    };
    if (!options.dryRun) this.objects.set(this.id(key), object);
    return object;
  }

  async watch(
    _key: ObjectKey,
    _options: { resourceVersion?: string; timeoutSeconds: number },
    _onEvent: (event: WatchEvent) => void,
    _signal: AbortSignal,
  ): Promise<void> {
    throw new NotFoundError('the recording cluster does not watch');
  }

  async listEvents(): Promise<ResourceEvent[]> {
    this.calls.push({ method: 'listEvents' });
    return [];
  }

  private id(key: ObjectKey): string {
    return `${key.apiVersion}/${key.kind}/${key.namespace ?? ''}/${key.name}`;
  }
}

/** Wraps a real client so a test can see which requests reached the cluster. */
export function recordCalls(
  client: PlatformClusterClient,
  calls: RecordedCall[],
): PlatformClusterClient {
  return {
    cluster: client.cluster,
    listNamespaces: () => {
      calls.push({ method: 'listNamespaces' });
      return client.listNamespaces();
    },
    getNamespace: name => {
      calls.push({ method: 'getNamespace' });
      return client.getNamespace(name);
    },
    listKinds: options => {
      calls.push({ method: 'listKinds' });
      return client.listKinds(options);
    },
    get: key => {
      calls.push({ method: 'get', key });
      return client.get(key);
    },
    apply: (key, manifest, options) => {
      calls.push({ method: 'apply', key, manifest, dryRun: options.dryRun });
      return client.apply(key, manifest, options);
    },
    watch: (key, options, onEvent, signal) => {
      calls.push({ method: 'watch', key });
      return client.watch(key, options, onEvent, signal);
    },
    listEvents: involved => {
      calls.push({ method: 'listEvents' });
      return client.listEvents(involved);
    },
  };
}
