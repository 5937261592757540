import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  scaffolderActionsExtensionPoint,
  scaffolderServiceRef,
} from '@backstage/plugin-scaffolder-node';
import {
  PlatformApiClient,
  platformClustersServiceRef,
  platformDefaultsServiceRef,
} from '@fractal/backstage-plugin-platform-node';
import { createApplyAction } from './actions/applyAction';
import { createCompileAction } from './actions/compileAction';
import { createPublishLocalAction } from './actions/publishLocalAction';
import { createWaitAction } from './actions/waitAction';
import { TenantAuthorizer } from './authorization/TenantAuthorizer';
import { ProvisioningClusterDirectory } from './cluster/ClusterDirectory';
import { KindLookup } from './cluster/KindLookup';
import { ResourceCompiler } from './compile/ResourceCompiler';
import { readActionsConfig } from './config/readActionsConfig';
import { readLocalPublishConfig } from './config/readLocalPublishConfig';
import { TemplateRunReporter } from './reporting/TemplateRunReporter';

/**
 * Registers Fractal's scaffolder actions: `platform:resource:compile`,
 * `platform:resource:apply`, `platform:resource:wait` and
 * `platform:publish:local`. Builds the shared clients once.
 *
 * @public
 */
export const scaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        scaffolder: scaffolderServiceRef,
        platformClusters: platformClustersServiceRef,
        defaults: platformDefaultsServiceRef,
      },
      async init(deps) {
        const { config, logger, auth, discovery, permissions, catalog } = deps;
        const settings = readActionsConfig(config);
        const clusters = new ProvisioningClusterDirectory(
          deps.platformClusters,
        );
        const kinds = new KindLookup(settings.kinds);
        const authorizer = new TenantAuthorizer({
          catalog,
          permissions,
          auth,
          groupType: settings.tenants.groupType,
        });
        const compiler = new ResourceCompiler({
          clusters,
          kinds,
          defaults: deps.defaults,
          tenants: settings.tenants,
        });
        const reporter = new TemplateRunReporter({
          sink: new PlatformApiClient({ discovery, auth }),
          auth,
          logger,
          taskStartedAt: async taskId =>
            (
              await deps.scaffolder.getTask(
                { taskId },
                { credentials: await auth.getOwnServiceCredentials() },
              )
            ).createdAt,
        });
        const services = {
          authorizer,
          compiler,
          clusters,
          reporter,
          tenants: settings.tenants,
        };
        deps.scaffolderActions.addActions(
          createCompileAction(services),
          createApplyAction(services),
          createWaitAction({ ...services, kinds }),
          createPublishLocalAction({
            catalog,
            settings: readLocalPublishConfig(config),
          }),
        );
      },
    });
  },
});
