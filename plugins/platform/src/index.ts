/**
 * Fractal's platform plugin: live status of platform resources on entity
 * pages, the product scoreboard, and scaffolder fields for self-service.
 *
 * The default export is the plugin for the new frontend system; the named
 * exports serve apps on the legacy system.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
export {
  platformLegacyPlugin,
  PlatformScoreboardPage,
  EntityPlatformResourcesCard,
  EntityPlatformProvisioningCard,
  EntityPlatformResourceStatusCard,
  EntityPlatformResourceContent,
  PlatformTenantPickerFieldExtension,
  PlatformManifestPreviewFieldExtension,
} from './legacy';
export * from './apis';
export { isPlatformResourceEntity } from './components/ResourceStatusCard/platformResourceAnnotation';
export { StatusChip } from './components/StatusChip';
export type { ResourceStatusSignal } from './hooks/ResourceStatusSignal';
export { rootRouteRef, createResourceRouteRef } from './routes';
