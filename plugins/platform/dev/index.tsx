import {
  ApiBlueprint,
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { createDevApp } from '@backstage/frontend-dev-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import platformPlugin, { platformApiRef } from '../src';
import { createDemoSignalApi, demoGroups, mockPlatformApi } from './devApis';

/*
 * `yarn start` in this package: the scoreboard at /platform and the entity
 * cards and scaffolder fields at /platform-dev, all on the mock API (no
 * backend needed). A demo signal API changes a resource every 10 seconds.
 */
const devModule = createFrontendModule({
  pluginId: 'platform',
  extensions: [
    // Replaces the plugin's `api:platform` (the REST client) with the mock.
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: platformApiRef,
          deps: {},
          factory: () => mockPlatformApi,
        }),
    }),
    ApiBlueprint.make({
      name: 'dev-signals',
      params: defineParams =>
        defineParams({
          api: signalApiRef,
          deps: {},
          factory: createDemoSignalApi,
        }),
    }),
    ApiBlueprint.make({
      name: 'dev-catalog',
      params: defineParams =>
        defineParams(catalogApiMock.factory({ entities: demoGroups })),
    }),
    PageBlueprint.make({
      name: 'dev',
      params: {
        path: '/platform-dev',
        title: 'Platform cards (dev)',
        loader: () => import('./DevPage').then(m => <m.DevPage />),
      },
    }),
  ],
});

createDevApp({ features: [platformPlugin, devModule] });
