import type { JsonObject } from '../api/types';
import type { SchemaValidatorCache } from './SchemaValidatorCache';

/** What compile needs to know of a platform kind. A `PlatformKind` with a schema fits. @public */
export interface PlatformKindDefinition {
  group: string;
  version: string;
  kind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
  /** The version's `openAPIV3Schema` from the CRD. */
  schema: JsonObject;
}

/**
 * The defaults layers below the user's input, lowest first (the schema's own
 * defaults are lower still). Each is a partial manifest: `spec`, and
 * `metadata.labels` / `metadata.annotations`. They come from configuration
 * (trusted), but are checked like user input.
 * @public
 */
export interface CompileDefaults {
  platform?: unknown;
  environment?: unknown;
  tenant?: unknown;
}

/** Input of {@link compileManifest}. @public */
export interface CompileManifestInput {
  kind: PlatformKindDefinition;
  /** `metadata.name`: a DNS-1123 label (at most 63 characters). */
  name: string;
  /** The owning tenant (Group name); becomes the `fractal.dev/tenant` label. */
  tenant: string;
  /**
   * Trusted: the namespace the caller computed from the tenant mapping for
   * the target cluster. Required for namespaced kinds, refused for
   * cluster-scoped ones. User input can never set it.
   */
  namespace?: string;
  environment: string;
  /** Target cluster name (not written into the manifest). */
  cluster: string;
  /** Entity ref of the owning Group, e.g. `group:default/payments`. */
  owner: string;
  /** Entity ref of the requesting user, e.g. `user:default/ada`. */
  requestedBy: string;
  /** Entity ref of the template that runs the compile, if any. */
  template?: string;
  /** Entity ref of the catalog Component the resource serves, if any. */
  component?: string;
  defaults?: CompileDefaults;
  /**
   * Untrusted: the user's input, a partial manifest (`spec`, and
   * `metadata.labels` / `metadata.annotations` outside the reserved keys).
   */
  user?: unknown;
}

/** Options of {@link compileManifest}. @public */
export interface CompileManifestOptions {
  /**
   * Where compiled validators are cached; defaults to a shared, bounded
   * cache. `false` compiles the schema on every call (the cold path, for
   * benchmarks and one-off checks).
   */
  validators?: SchemaValidatorCache | false;
}

/**
 * Layered defaults as configured under `platform.defaults`: per kind name,
 * for all tenants, per environment, and per tenant.
 * @public
 */
export interface PlatformDefaultsConfig {
  platform?: Record<string, JsonObject>;
  environments?: Record<string, Record<string, JsonObject>>;
  tenants?: Record<string, Record<string, JsonObject>>;
}
