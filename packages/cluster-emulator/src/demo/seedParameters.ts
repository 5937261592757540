import { JsonObject } from '../util/json';
import { Random } from '../util/random';

/** Name suffixes of seeded claims, per kind. */
export const NAME_SUFFIXES: Record<string, string[]> = {
  PostgreSQLInstance: ['db', 'orders-db', 'ledger-db', 'reporting-db'],
  Bucket: ['assets', 'exports', 'backups', 'uploads'],
  Cache: ['cache', 'sessions', 'rate-limits'],
  Application: ['app', 'canary', 'admin'],
};

/** The template each kind is requested through in the portal. */
export const TEMPLATE_NAMES: Record<string, string> = {
  PostgreSQLInstance: 'postgresql-instance',
  Bucket: 'bucket',
  Cache: 'cache',
  Application: 'application',
};

/** Realistic, valid parameters for a seeded claim. */
export function seedParameters(
  kind: string,
  random: Random,
  ctx: { tenant: string; component?: string; environment: string },
): JsonObject {
  const production = ctx.environment === 'production';
  switch (kind) {
    case 'PostgreSQLInstance': {
      const params: JsonObject = {
        storageGB: random.pick(production ? [50, 100, 200, 500] : [20, 20, 50]),
        version: random.pick(['15', '16', '16', '16']),
        size: random.pick(
          production ? ['medium', 'large'] : ['small', 'small', 'medium'],
        ),
        highAvailability: production,
      };
      if (random.chance(0.4))
        params.backup = { retentionDays: random.pick([7, 14, 30]) };
      if (random.chance(0.3))
        params.extensions = [random.pick(['pgcrypto', 'pg_trgm', 'uuid-ossp'])];
      return params;
    }
    case 'Bucket':
      return {
        region: random.pick(
          production
            ? ['eu-west-1', 'eu-central-1', 'us-east-1']
            : ['eu-west-1'],
        ),
        versioning: production && random.chance(0.6),
        retentionDays: random.pick([30, 90, 365]),
        tags: { team: ctx.tenant, 'cost-center': `cc-${ctx.tenant}` },
      };
    case 'Cache':
      return {
        engine: random.chance(0.85) ? 'redis' : 'memcached',
        memoryMB: random.pick(production ? [1024, 2048, 4096] : [256, 512]),
        replicas: production ? random.pick([2, 3]) : 1,
      };
    case 'Application': {
      const component = ctx.component ?? `${ctx.tenant}-service`;
      const params: JsonObject = {
        image: `registry.fractal.dev/${ctx.tenant}/${component}:1.${random.int(
          0,
          12,
        )}.${random.int(0, 9)}`,
        replicas: production ? random.pick([3, 4, 6]) : random.pick([1, 2]),
        resources: {
          cpu: random.pick(['250m', '500m', '1']),
          memory: random.pick(['256Mi', '512Mi', '1Gi']),
        },
      };
      if (production && random.chance(0.5)) {
        params.ingress = {
          host: `${component}.${ctx.tenant}.fractal.example.com`,
        };
      }
      return params;
    }
    default:
      return {};
  }
}

/** A changed set of parameters for a spec update (a new generation). */
export function updatedParameters(
  kind: string,
  params: JsonObject,
  random: Random,
): JsonObject {
  switch (kind) {
    case 'PostgreSQLInstance':
      return {
        ...params,
        storageGB: Math.min(1000, Number(params.storageGB ?? 20) * 2),
      };
    case 'Bucket':
      return { ...params, versioning: !params.versioning };
    case 'Cache':
      return {
        ...params,
        memoryMB: Math.min(16384, Number(params.memoryMB ?? 256) * 2),
      };
    case 'Application':
      return {
        ...params,
        image: String(params.image).replace(
          /:1\.\d+\.\d+$/,
          `:1.${random.int(13, 30)}.${random.int(0, 9)}`,
        ),
      };
    default:
      return params;
  }
}
