import { JsonObject, JsonValue, isJsonObject } from '../util/json';
import { JSONSchemaProps } from '../schema/JSONSchemaProps';
import {
  APPLICATION_PARAMETERS,
  BUCKET_PARAMETERS,
  CACHE_PARAMETERS,
  POSTGRES_PARAMETERS,
} from './claimSchemas';

/** API group of claims and composites. */
export const PLATFORM_GROUP = 'platform.fractal.dev';
/** API group of the composed ("managed") resources. */
export const MANAGED_GROUP = 'demo.fractal.dev';
/** Version of every demo kind. */
export const DEMO_VERSION = 'v1alpha1';

/** What a composed resource is built from. */
export interface ComposeContext {
  claimName: string;
  namespace: string;
  environment: string;
  cluster: string;
  parameters: JsonObject;
}

/** One managed resource a composition creates. */
export interface ManagedTemplate {
  kind: string;
  plural: string;
  description: string;
  forProvider(ctx: ComposeContext): JsonObject;
  atProvider(ctx: ComposeContext): JsonObject;
}

/** A self-service platform kind: its claim, composite and composition. */
export interface PlatformKindDefinition {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  title: string;
  description: string;
  parameters: JSONSchemaProps;
  /** Whether `spec.parameters` is required. */
  parametersRequired: boolean;
  /** Status fields shown once Ready, beyond conditions. */
  statusProperties: Record<string, JSONSchemaProps>;
  readyStatus(ctx: ComposeContext): JsonObject;
  compositionName: string;
  managed: ManagedTemplate[];
  /** Messages of realistic provisioning failures. */
  failures: string[];
}

function param(
  ctx: ComposeContext,
  key: string,
  fallback: JsonValue,
): JsonValue {
  const value = ctx.parameters[key];
  return value === undefined ? fallback : value;
}

function host(ctx: ComposeContext, service: string): string {
  return `${ctx.claimName}.${ctx.namespace}.${service}.${ctx.environment}.fractal.internal`;
}

const postgres: PlatformKindDefinition = {
  kind: 'PostgreSQLInstance',
  plural: 'postgresqlinstances',
  singular: 'postgresqlinstance',
  shortNames: ['pgi'],
  title: 'PostgreSQL database',
  description: 'A managed PostgreSQL database for one team.',
  parameters: POSTGRES_PARAMETERS,
  parametersRequired: true,
  statusProperties: {
    address: { type: 'string', description: 'Host name clients connect to.' },
    port: { type: 'integer', description: 'Port clients connect to.' },
  },
  readyStatus: ctx => ({ address: host(ctx, 'db'), port: 5432 }),
  compositionName: 'xpostgresqlinstances.demo.platform.fractal.dev',
  managed: [
    {
      kind: 'DatabaseInstance',
      plural: 'databaseinstances',
      description: 'A PostgreSQL server in the demo cloud.',
      forProvider: ctx => ({
        engine: 'postgres',
        engineVersion: param(ctx, 'version', '16'),
        allocatedStorageGB: param(ctx, 'storageGB', 20),
        instanceClass: `db.${param(ctx, 'size', 'small')}`,
        multiAZ: param(ctx, 'highAvailability', false),
        region: ctx.environment === 'production' ? `${ctx.cluster}-1` : 'dev-1',
      }),
      atProvider: ctx => ({ endpoint: host(ctx, 'db'), status: 'available' }),
    },
    {
      kind: 'FirewallRule',
      plural: 'firewallrules',
      description: 'Network access to a demo cloud resource.',
      forProvider: ctx => ({
        port: 5432,
        sourceNamespace: ctx.namespace,
        protocol: 'TCP',
      }),
      atProvider: () => ({ state: 'active' }),
    },
  ],
  failures: [
    'cannot create DatabaseInstance: InstanceQuotaExceeded: 20 of 20 database instances in use in this region',
    'cannot create DatabaseInstance: StorageTypeNotSupported: requested storage is not available in the zone',
    'cannot apply FirewallRule: InvalidParameterValue: source range overlaps an existing rule',
  ],
};

const bucket: PlatformKindDefinition = {
  kind: 'Bucket',
  plural: 'buckets',
  singular: 'bucket',
  shortNames: ['bkt'],
  title: 'Object storage bucket',
  description: 'An object storage bucket.',
  parameters: BUCKET_PARAMETERS,
  parametersRequired: true,
  statusProperties: {
    bucketName: {
      type: 'string',
      description: 'Name of the bucket in the object store.',
    },
    url: { type: 'string', description: 'Endpoint of the bucket.' },
  },
  readyStatus: ctx => ({
    bucketName: `${ctx.namespace}-${ctx.claimName}`,
    url: `https://${ctx.namespace}-${ctx.claimName}.s3.${String(
      param(ctx, 'region', 'eu-west-1'),
    )}.fractal.internal`,
  }),
  compositionName: 'xbuckets.demo.platform.fractal.dev',
  managed: [
    {
      kind: 'ObjectStore',
      plural: 'objectstores',
      description: 'A bucket in the demo cloud.',
      forProvider: ctx => ({
        region: param(ctx, 'region', 'eu-west-1'),
        versioning: param(ctx, 'versioning', false),
        acl:
          param(ctx, 'publicAccess', false) === true
            ? 'public-read'
            : 'private',
      }),
      atProvider: ctx => ({
        arn: `arn:demo:s3:::${ctx.namespace}-${ctx.claimName}`,
      }),
    },
  ],
  failures: [
    'cannot create ObjectStore: BucketAlreadyExists: the requested bucket name is not available',
    'cannot create ObjectStore: AccessDenied: the provider credentials cannot create buckets in this region',
  ],
};

const cache: PlatformKindDefinition = {
  kind: 'Cache',
  plural: 'caches',
  singular: 'cache',
  shortNames: ['cch'],
  title: 'Cache',
  description: 'An in-memory cache.',
  parameters: CACHE_PARAMETERS,
  parametersRequired: false,
  statusProperties: {
    address: { type: 'string', description: 'Host name clients connect to.' },
    port: { type: 'integer', description: 'Port clients connect to.' },
  },
  readyStatus: ctx => ({
    address: host(ctx, 'cache'),
    port: param(ctx, 'engine', 'redis') === 'memcached' ? 11211 : 6379,
  }),
  compositionName: 'xcaches.demo.platform.fractal.dev',
  managed: [
    {
      kind: 'CacheCluster',
      plural: 'cacheclusters',
      description: 'An in-memory cache cluster in the demo cloud.',
      forProvider: ctx => ({
        engine: param(ctx, 'engine', 'redis'),
        nodeMemoryMB: param(ctx, 'memoryMB', 256),
        numNodes: param(ctx, 'replicas', 1),
      }),
      atProvider: ctx => ({ endpoint: host(ctx, 'cache') }),
    },
  ],
  failures: [
    'cannot create CacheCluster: InsufficientCacheClusterCapacity: not enough capacity for the requested node type',
  ],
};

const application: PlatformKindDefinition = {
  kind: 'Application',
  plural: 'applications',
  singular: 'application',
  shortNames: ['app'],
  title: 'Application',
  description: 'A containerised service.',
  parameters: APPLICATION_PARAMETERS,
  parametersRequired: true,
  statusProperties: {
    url: { type: 'string', description: 'Where the application answers.' },
    availableReplicas: {
      type: 'integer',
      description: 'Instances serving traffic.',
    },
  },
  readyStatus: ctx => {
    const ingress = ctx.parameters.ingress;
    const url =
      isJsonObject(ingress) && typeof ingress.host === 'string'
        ? `https://${ingress.host}`
        : `http://${ctx.claimName}.${ctx.namespace}.svc.cluster.local`;
    return { url, availableReplicas: param(ctx, 'replicas', 2) };
  },
  compositionName: 'xapplications.demo.platform.fractal.dev',
  managed: [
    {
      kind: 'Workload',
      plural: 'workloads',
      description: 'A running container workload.',
      forProvider: ctx => ({
        image: param(ctx, 'image', ''),
        replicas: param(ctx, 'replicas', 2),
        namespace: ctx.namespace,
      }),
      atProvider: ctx => ({ readyReplicas: param(ctx, 'replicas', 2) }),
    },
    {
      kind: 'DNSRecord',
      plural: 'dnsrecords',
      description: 'A DNS name for a workload.',
      forProvider: ctx => ({
        name: `${ctx.claimName}.${ctx.namespace}`,
        type: 'CNAME',
        ttl: 300,
      }),
      atProvider: () => ({ propagated: true }),
    },
  ],
  failures: [
    'cannot apply Workload: ImagePullBackOff: the image could not be pulled from the registry',
    'cannot apply Workload: exceeded quota: requested cpu exceeds the namespace limit',
  ],
};

/** The demo's self-service kinds. */
export const DEMO_KINDS: PlatformKindDefinition[] = [
  postgres,
  bucket,
  cache,
  application,
];
