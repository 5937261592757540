/**
 * Catalog backend module of Fractal: platform resources as `Resource` entities
 * owned by their tenants, platform kinds as `API` entities, and generated
 * scaffolder templates for kinds without a hand-written one.
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
export {
  kindToTemplateEntity,
  kindTemplateName,
} from './transforms/kindToTemplateEntity';
export type { KindToTemplateEntityOptions } from './transforms/kindToTemplateEntity';
export { coveredKinds } from './transforms/coveredKinds';
export * from './entityKeys';
