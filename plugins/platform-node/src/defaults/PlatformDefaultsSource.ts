import type { JsonObject } from '@fractal/backstage-plugin-platform-common';

/**
 * What a defaults lookup is for: one platform kind, compiled for one
 * environment and one tenant.
 *
 * @public
 */
export interface PlatformDefaultsQuery {
  /** Platform kind, e.g. `PostgreSQLInstance`. */
  kind: string;
  /** API group of the kind, e.g. `platform.fractal.dev`, when known. */
  group?: string;
  /** Environment of the target cluster, e.g. `production`. */
  environment?: string;
  /** Tenant (Group name) the resource is for. */
  tenant?: string;
}

/**
 * The configured defaults for one query, one manifest fragment per layer
 * (lowest precedence first: platform < environment < tenant). A layer that
 * sets nothing is absent. The schema's own defaults and the user's input are
 * the compile step's business, not the source's.
 *
 * @public
 */
export interface PlatformDefaultsLayers {
  platform?: JsonObject;
  environment?: JsonObject;
  tenant?: JsonObject;
}

/**
 * Where defaults come from: config (the default), or anything a backend
 * module supplies through `platformDefaultsExtensionPoint`.
 *
 * @public
 */
export interface PlatformDefaultsSource {
  getDefaults(query: PlatformDefaultsQuery): Promise<PlatformDefaultsLayers>;
}
