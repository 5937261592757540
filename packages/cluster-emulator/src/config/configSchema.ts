/** JSON Schema of the emulator's config file (validated with ajv). */

const delaySpec = {
  oneOf: [
    { type: 'number', minimum: 0 },
    {
      type: 'object',
      required: ['distribution', 'ms'],
      additionalProperties: false,
      properties: {
        distribution: { const: 'fixed' },
        ms: { type: 'number', minimum: 0 },
      },
    },
    {
      type: 'object',
      required: ['distribution', 'minMs', 'maxMs'],
      additionalProperties: false,
      properties: {
        distribution: { const: 'uniform' },
        minMs: { type: 'number', minimum: 0 },
        maxMs: { type: 'number', minimum: 0 },
      },
    },
    {
      type: 'object',
      required: ['distribution', 'medianMs', 'p95Ms'],
      additionalProperties: false,
      properties: {
        distribution: { const: 'lognormal' },
        medianMs: { type: 'number', minimum: 0 },
        p95Ms: { type: 'number', minimum: 0 },
        maxMs: { type: 'number', minimum: 0 },
      },
    },
  ],
};

const faults = {
  type: 'object',
  additionalProperties: false,
  properties: {
    latencyMs: { type: 'number', minimum: 0 },
    latencyJitterMs: { type: 'number', minimum: 0 },
    errorRate: { type: 'number', minimum: 0, maximum: 1 },
    errorCode: { enum: [500, 502, 503, 504] },
    dropWatchesEverySeconds: { type: 'number', minimum: 0 },
    forceWatchExpired: { type: 'boolean' },
    slowStreamMs: { type: 'number', minimum: 0 },
    outageMs: { type: 'number', minimum: 0 },
  },
};

export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    host: { type: 'string', minLength: 1 },
    stateDir: { type: 'string', minLength: 1 },
    platform: { type: 'boolean' },
    persist: { type: 'boolean' },
    randomSeed: { type: ['number', 'string'] },
    logLevel: { enum: ['debug', 'info', 'silent'] },
    eventTtlMs: { type: 'number', minimum: 1000 },
    tenants: {
      type: 'array',
      items: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
      uniqueItems: true,
    },
    clusters: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
          environment: { type: 'string', minLength: 1 },
          port: { type: 'integer', minimum: 0, maximum: 65535 },
          faults,
        },
      },
    },
    seed: {
      oneOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            historyDays: { type: 'number', minimum: 1, maximum: 3650 },
            resources: { type: 'integer', minimum: 0, maximum: 100000 },
          },
        },
      ],
    },
    operator: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        delays: { type: 'object', additionalProperties: delaySpec },
        deletionDelay: delaySpec,
        failureRate: { type: 'number', minimum: 0, maximum: 1 },
        stuckRate: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    identities: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'token', 'role'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          token: { type: 'string', minLength: 1 },
          role: { enum: ['admin', 'reader', 'provisioner', 'tenant'] },
          tenant: { type: 'string' },
        },
      },
    },
    watch: {
      type: 'object',
      additionalProperties: false,
      properties: {
        historySize: { type: 'integer', minimum: 10 },
        bookmarkIntervalMs: { type: 'number', minimum: 100 },
        defaultTimeoutSeconds: { type: 'number', minimum: 1 },
      },
    },
  },
} as const;
