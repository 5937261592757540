import type {
  PlatformKind,
  PlatformResource,
} from '@fractal/backstage-plugin-platform-common';
import kindBucketNoSchema from './kind-bucket-no-schema.json';
import kindClusterScopedLongGroup from './kind-cluster-scoped-long-group.json';
import kindPostgres from './kind-postgres.json';
import resourceBucketNoTenant from './resource-bucket-no-tenant.json';
import resourceCacheLongName from './resource-cache-long-name.json';
import resourceClusterScopedBadRefs from './resource-cluster-scoped-bad-refs.json';
import resourcePostgresPayments from './resource-postgres-payments.json';

// JSON imports are typed loosely (strings, not the literal unions of the API
// types); the fixtures are API responses as the platform backend sends them.
const resources = {
  'resource-bucket-no-tenant': resourceBucketNoTenant,
  'resource-cache-long-name': resourceCacheLongName,
  'resource-cluster-scoped-bad-refs': resourceClusterScopedBadRefs,
  'resource-postgres-payments': resourcePostgresPayments,
} as Record<string, unknown> as Record<string, PlatformResource>;

const kinds = {
  'kind-bucket-no-schema': kindBucketNoSchema,
  'kind-cluster-scoped-long-group': kindClusterScopedLongGroup,
  'kind-postgres': kindPostgres,
} as Record<string, unknown> as Record<string, PlatformKind>;

function copy<T>(value: T | undefined, name: string): T {
  if (!value) {
    throw new Error(`No fixture named ${name}`);
  }
  return structuredClone(value);
}

/** A copy of one platform resource fixture of this folder. */
export const loadResource = (name: string) => copy(resources[name], name);
/** A copy of one platform kind fixture of this folder. */
export const loadKind = (name: string) => copy(kinds[name], name);
