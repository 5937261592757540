import { JSONSchemaProps } from '../schema/JSONSchemaProps';

/** The `status.conditions` schema every platform object shares. */
export const CONDITIONS_SCHEMA: JSONSchemaProps = {
  type: 'array',
  description:
    'Conditions of the resource: Synced (the last reconcile succeeded) and Ready (the resource is usable).',
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
  items: {
    type: 'object',
    required: ['lastTransitionTime', 'reason', 'status', 'type'],
    properties: {
      type: {
        type: 'string',
        description: 'Type of condition, e.g. Ready or Synced.',
      },
      status: {
        type: 'string',
        enum: ['True', 'False', 'Unknown'],
        description: 'Status of the condition.',
      },
      reason: {
        type: 'string',
        description:
          'Machine-readable reason, e.g. Available, Creating, ReconcileError.',
      },
      message: { type: 'string', description: 'Human-readable details.' },
      lastTransitionTime: {
        type: 'string',
        format: 'date-time',
        description: 'When the status last changed.',
      },
      observedGeneration: {
        type: 'integer',
        format: 'int64',
        description: 'The generation the condition describes.',
      },
    },
  },
};

const objectRef: JSONSchemaProps = {
  type: 'object',
  required: ['apiVersion', 'kind', 'name'],
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
  },
};

/** Fields Crossplane adds to every claim spec, next to `parameters`. */
export const CLAIM_SPEC_FIELDS: Record<string, JSONSchemaProps> = {
  compositionRef: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' } },
  },
  compositionSelector: {
    type: 'object',
    required: ['matchLabels'],
    properties: {
      matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  compositionUpdatePolicy: { type: 'string', enum: ['Automatic', 'Manual'] },
  compositeDeletePolicy: {
    type: 'string',
    enum: ['Background', 'Foreground'],
    default: 'Background',
  },
  resourceRef: {
    ...objectRef,
    description:
      'The composite resource this claim is bound to (set by the platform).',
    'x-kubernetes-map-type': 'atomic',
  },
  writeConnectionSecretToRef: {
    type: 'object',
    description:
      'Secret in the claim namespace that receives the connection details.',
    required: ['name'],
    properties: {
      name: {
        type: 'string',
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        maxLength: 253,
      },
    },
  },
};

/** Fields of every composite spec, next to `parameters`. */
export const COMPOSITE_SPEC_FIELDS: Record<string, JSONSchemaProps> = {
  compositionRef: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' } },
  },
  claimRef: {
    type: 'object',
    required: ['apiVersion', 'kind', 'name', 'namespace'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      namespace: { type: 'string' },
    },
  },
  resourceRefs: {
    type: 'array',
    description: 'The managed resources composed for this composite.',
    items: objectRef,
  },
  writeConnectionSecretToRef: {
    type: 'object',
    properties: { name: { type: 'string' }, namespace: { type: 'string' } },
  },
};

/** `parameters` of PostgreSQLInstance. */
export const POSTGRES_PARAMETERS: JSONSchemaProps = {
  type: 'object',
  description: 'What the database needs.',
  properties: {
    storageGB: {
      type: 'integer',
      description: 'Disk size in GB.',
      minimum: 10,
      maximum: 1000,
      default: 20,
    },
    version: {
      type: 'string',
      description: 'PostgreSQL major version.',
      enum: ['14', '15', '16'],
      default: '16',
    },
    size: {
      type: 'string',
      description: 'Instance class.',
      enum: ['small', 'medium', 'large'],
    },
    highAvailability: {
      type: 'boolean',
      description: 'Standby replica in another zone.',
      default: false,
    },
    backup: {
      type: 'object',
      description: "Backups; absent means the platform's schedule.",
      properties: {
        retentionDays: {
          type: 'integer',
          description: 'Days backups are kept.',
          minimum: 1,
          maximum: 35,
          default: 7,
        },
        window: {
          type: 'string',
          description: 'Daily backup window (UTC), HH:MM-HH:MM.',
          pattern:
            '^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$',
          default: '02:00-03:00',
        },
      },
    },
    extensions: {
      type: 'array',
      description: 'PostgreSQL extensions to enable.',
      maxItems: 10,
      items: {
        type: 'string',
        enum: ['pgcrypto', 'postgis', 'pg_trgm', 'uuid-ossp'],
      },
      'x-kubernetes-list-type': 'set',
    },
    maintenanceWindow: {
      type: 'string',
      description: 'Weekly maintenance slot, e.g. Sun:03:00.',
      nullable: true,
      pattern: '^(Mon|Tue|Wed|Thu|Fri|Sat|Sun):[0-2][0-9]:[0-5][0-9]$',
    },
  },
};

/** `parameters` of Bucket. */
export const BUCKET_PARAMETERS: JSONSchemaProps = {
  type: 'object',
  description: 'How the bucket is stored and who can read it.',
  properties: {
    region: {
      type: 'string',
      description: 'Region the bucket lives in.',
      enum: ['eu-west-1', 'eu-central-1', 'us-east-1'],
      default: 'eu-west-1',
    },
    versioning: {
      type: 'boolean',
      description: 'Keep every version of every object.',
      default: false,
    },
    publicAccess: {
      type: 'boolean',
      description: 'Allow anonymous reads.',
      default: false,
    },
    retentionDays: {
      type: 'integer',
      format: 'int32',
      description: 'Days objects are kept (0: forever).',
      minimum: 0,
      maximum: 3650,
    },
    tags: {
      type: 'object',
      description: 'Cost-allocation tags.',
      maxProperties: 20,
      additionalProperties: { type: 'string', maxLength: 256 },
    },
    lifecycle: {
      type: 'array',
      description: 'Expiry rules by key prefix.',
      maxItems: 5,
      items: {
        type: 'object',
        required: ['prefix', 'expireAfterDays'],
        properties: {
          prefix: { type: 'string', maxLength: 128 },
          expireAfterDays: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
};

/** `parameters` of Cache. */
export const CACHE_PARAMETERS: JSONSchemaProps = {
  type: 'object',
  description: 'Engine and size of the cache.',
  properties: {
    engine: {
      type: 'string',
      description: 'Cache engine.',
      enum: ['redis', 'memcached'],
      default: 'redis',
    },
    memoryMB: {
      type: 'integer',
      description: 'Memory per node in MB (a multiple of 128).',
      minimum: 128,
      maximum: 16384,
      multipleOf: 128,
      default: 256,
    },
    replicas: {
      type: 'integer',
      description: 'Number of nodes.',
      minimum: 1,
      maximum: 5,
      default: 1,
    },
    evictionPolicy: {
      type: 'string',
      description: 'What happens when memory is full.',
      enum: ['allkeys-lru', 'volatile-lru', 'noeviction'],
      default: 'allkeys-lru',
    },
    ttlSeconds: {
      type: 'number',
      description: 'Default time to live of keys.',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 86400,
    },
  },
};

/** `parameters` of Application. */
export const APPLICATION_PARAMETERS: JSONSchemaProps = {
  type: 'object',
  description: 'The container to run and how to reach it.',
  required: ['image'],
  properties: {
    image: {
      type: 'string',
      description: 'Container image reference.',
      maxLength: 255,
      pattern:
        '^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$',
    },
    replicas: {
      type: 'integer',
      description: 'Number of instances.',
      minimum: 1,
      maximum: 20,
      default: 2,
    },
    ports: {
      type: 'array',
      description: 'Ports the container listens on.',
      maxItems: 10,
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['containerPort'],
      default: [{ name: 'http', containerPort: 8080 }],
      items: {
        type: 'object',
        required: ['containerPort'],
        properties: {
          name: {
            type: 'string',
            maxLength: 15,
            pattern: '^[a-z]([-a-z0-9]*[a-z0-9])?$',
          },
          containerPort: {
            type: 'integer',
            format: 'int32',
            minimum: 1,
            maximum: 65535,
          },
          protocol: { type: 'string', enum: ['TCP', 'UDP'], default: 'TCP' },
        },
      },
    },
    env: {
      type: 'array',
      description: 'Environment variables.',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          value: { type: 'string' },
        },
      },
    },
    resources: {
      type: 'object',
      description: 'CPU and memory per instance.',
      properties: {
        cpu: {
          'x-kubernetes-int-or-string': true,
          pattern: '^([0-9]+m|[0-9]+(\\.[0-9]+)?)$',
          default: '250m',
        },
        memory: {
          'x-kubernetes-int-or-string': true,
          pattern: '^[0-9]+(Ki|Mi|Gi)?$',
          default: '256Mi',
        },
      },
    },
    healthCheckPath: {
      type: 'string',
      description: 'HTTP path of the health check.',
      pattern: '^/',
      default: '/healthz',
    },
    ingress: {
      type: 'object',
      description:
        'Public route to the application; absent means internal only.',
      nullable: true,
      required: ['host'],
      properties: {
        host: { type: 'string', format: 'hostname', maxLength: 253 },
        tls: { type: 'boolean', default: true },
      },
    },
    config: {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      description: 'Free-form application settings.',
    },
  },
};
