import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { platformApiRef, PlatformClient } from './apis';
import {
  ManifestPreview,
  ManifestPreviewFieldSchema,
} from './fields/ManifestPreview';
import {
  TenantPicker,
  TenantPickerFieldSchema,
  validateTenant,
} from './fields/TenantPicker';
import { createResourceRouteRef, rootRouteRef } from './routes';

/**
 * Fractal's platform plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const platformLegacyPlugin = createPlugin({
  id: 'platform',
  apis: [
    createApiFactory({
      api: platformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
  externalRoutes: { createResource: createResourceRouteRef },
});

/**
 * The scoreboard page (legacy system): mount it at `/platform`.
 *
 * @public
 */
export const PlatformScoreboardPage = platformLegacyPlugin.provide(
  createRoutableExtension({
    name: 'PlatformScoreboardPage',
    component: () =>
      import('./components/ScoreboardPage').then(m => m.LegacyScoreboardPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity card: platform resources of a Component, System or Group.
 *
 * @public
 */
export const EntityPlatformResourcesCard = platformLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityPlatformResourcesCard',
    component: {
      lazy: () =>
        import('./components/PlatformResourcesCard').then(
          m => m.PlatformResourcesCard,
        ),
    },
  }),
);

/**
 * Entity card: provisioning figures of a tenant Group.
 *
 * @public
 */
export const EntityPlatformProvisioningCard = platformLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityPlatformProvisioningCard',
    component: {
      lazy: () =>
        import('./components/ProvisioningCard').then(m => m.ProvisioningCard),
    },
  }),
);

/**
 * Entity card: live status of a generated platform `Resource` entity.
 *
 * @public
 */
export const EntityPlatformResourceStatusCard = platformLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityPlatformResourceStatusCard',
    component: {
      lazy: () =>
        import('./components/ResourceStatusCard').then(
          m => m.ResourceStatusCard,
        ),
    },
  }),
);

/**
 * Entity tab content: tree, Events and history of a generated platform
 * `Resource` entity.
 *
 * @public
 */
export const EntityPlatformResourceContent = platformLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityPlatformResourceContent',
    component: {
      lazy: () =>
        import('./components/ResourceStatusCard').then(
          m => m.ResourceDetailsContent,
        ),
    },
  }),
);

/**
 * Scaffolder field `ui:field: PlatformTenantPicker` (legacy system).
 *
 * @public
 */
export const PlatformTenantPickerFieldExtension = platformLegacyPlugin.provide(
  createScaffolderFieldExtension({
    name: 'PlatformTenantPicker',
    component: TenantPicker,
    validation: validateTenant,
    schema: TenantPickerFieldSchema.schema,
  }),
);

/**
 * Scaffolder field `ui:field: PlatformManifestPreview` (legacy system).
 *
 * @public
 */
export const PlatformManifestPreviewFieldExtension =
  platformLegacyPlugin.provide(
    createScaffolderFieldExtension({
      name: 'PlatformManifestPreview',
      component: ManifestPreview,
      schema: ManifestPreviewFieldSchema.schema,
    }),
  );
