import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { platformApiRef, PlatformClient } from './apis';
import { PlatformIcon } from './components/icons';
import { isPlatformResourceEntity } from './components/ResourceStatusCard/platformResourceAnnotation';
import { createResourceRouteRef, rootRouteRef } from './routes';

/** `api:platform`: the REST client of the platform backend. */
export const platformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PlatformClient({ discoveryApi, fetchApi }),
    }),
});

/** `page:platform`: the scoreboard at `/platform`, with its nav item. */
export const scoreboardPage = PageBlueprint.make({
  params: {
    path: '/platform',
    routeRef: rootRouteRef,
    title: 'Platform scoreboard',
    icon: <PlatformIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ScoreboardPage').then(m => <m.ScoreboardPage />),
  },
});

/** `entity-card:platform/resources`: resources of Components, Systems, Groups. */
export const resourcesEntityCard = EntityCardBlueprint.make({
  name: 'resources',
  params: {
    filter: { kind: { $in: ['component', 'system', 'group'] } },
    loader: () =>
      import('./components/PlatformResourcesCard').then(m => (
        <m.PlatformResourcesCard />
      )),
  },
});

/** `entity-card:platform/provisioning`: provisioning figures of a tenant Group. */
export const provisioningEntityCard = EntityCardBlueprint.make({
  name: 'provisioning',
  params: {
    filter: { kind: 'group', 'spec.type': 'team' },
    loader: () =>
      import('./components/ProvisioningCard').then(m => <m.ProvisioningCard />),
  },
});

/** `entity-card:platform/resource-status`: status of a generated Resource entity. */
export const resourceStatusEntityCard = EntityCardBlueprint.make({
  name: 'resource-status',
  params: {
    type: 'info',
    filter: isPlatformResourceEntity,
    loader: () =>
      import('./components/ResourceStatusCard').then(m => (
        <m.ResourceStatusCard />
      )),
  },
});

/** `entity-content:platform/resource`: tree, Events and history tab of a Resource entity. */
export const resourceEntityContent = EntityContentBlueprint.make({
  name: 'resource',
  params: {
    path: 'platform',
    title: 'Platform',
    filter: isPlatformResourceEntity,
    loader: () =>
      import('./components/ResourceStatusCard').then(m => (
        <m.ResourceDetailsContent />
      )),
  },
});

/** `scaffolder-form-field:platform/tenant-picker`: `ui:field: PlatformTenantPicker`. */
export const tenantPickerFormFieldExtension = FormFieldBlueprint.make({
  name: 'tenant-picker',
  params: {
    field: () =>
      import('./fields/formFields').then(m => m.tenantPickerFormField),
  },
});

/** `scaffolder-form-field:platform/manifest-preview`: `ui:field: PlatformManifestPreview`. */
export const manifestPreviewFormFieldExtension = FormFieldBlueprint.make({
  name: 'manifest-preview',
  params: {
    field: () =>
      import('./fields/formFields').then(m => m.manifestPreviewFormField),
  },
});

/**
 * Fractal's platform plugin for the new frontend system.
 *
 * @public
 */
export const platformPlugin = createFrontendPlugin({
  pluginId: 'platform',
  title: 'Platform',
  icon: <PlatformIcon fontSize="inherit" />,
  extensions: [
    platformApi,
    scoreboardPage,
    resourcesEntityCard,
    provisioningEntityCard,
    resourceStatusEntityCard,
    resourceEntityContent,
    tenantPickerFormFieldExtension,
    manifestPreviewFormFieldExtension,
  ],
  routes: { root: rootRouteRef },
  externalRoutes: { createResource: createResourceRouteRef },
});
