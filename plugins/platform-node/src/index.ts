/**
 * Node.js library of Fractal's platform plugin, for backend plugins and
 * modules: the configured clusters (`platformClustersServiceRef`), extension
 * points of the platform backend, and a typed client of its REST API.
 *
 * @packageDocumentation
 */

export type {
  PlatformCluster,
  PlatformClusterConnection,
  PlatformClusterPurpose,
} from './clusters/PlatformCluster';
export type { PlatformClustersService } from './clusters/PlatformClustersService';
export { ConfigPlatformClustersService } from './clusters/ConfigPlatformClustersService';
export {
  readPlatformClusters,
  type ReadPlatformClustersOptions,
} from './clusters/readPlatformClusters';
export { platformClustersServiceRef } from './clusters/platformClustersServiceRef';
export {
  platformStatusRulesExtensionPoint,
  type PlatformStatusRulesExtensionPoint,
  type StatusRule,
  type StatusRuleSet,
} from './extensions/platformStatusRulesExtensionPoint';
export {
  platformClusterSourceExtensionPoint,
  type PlatformClusterSourceExtensionPoint,
  type PlatformClusterSourceFactory,
} from './extensions/platformClusterSourceExtensionPoint';
export {
  PlatformApiClient,
  type PlatformApiClientOptions,
  type PlatformRequestOptions,
  type ListResourcesQuery,
  type HistoryQuery,
  type WindowQuery,
} from './client/PlatformApiClient';
export * from './defaults';
