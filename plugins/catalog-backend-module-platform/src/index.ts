/**
 * Catalog backend module of Fractal: platform resources as `Resource` entities
 * owned by their tenants, platform kinds as `API` entities.
 *
 * @packageDocumentation
 */

export { catalogModulePlatform as default } from './module';
export {
  PlatformEntityProvider,
  type PlatformEntityProviderOptions,
  type PlatformReadClient,
  type PlatformRefreshResult,
} from './provider/PlatformEntityProvider';
export {
  readPlatformProviderConfig,
  platformProviderDefaults,
  type PlatformProviderConfig,
} from './config/readPlatformProviderConfig';
export { resourceToEntity, resourceEntityName } from './transforms/resourceToEntity';
export type { ResourceToEntityOptions } from './transforms/resourceToEntity';
export {
  kindToApiEntity,
  kindApiEntityName,
  kindApiEntityRef,
} from './transforms/kindToApiEntity';
export type { KindToApiEntityOptions } from './transforms/kindToApiEntity';
export * from './entityKeys';
