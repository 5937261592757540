import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  createPlatformDefaultsExtension,
  platformClusterSourceExtensionPoint,
  platformClustersServiceRef,
  platformDefaultsExtensionPoint,
  platformDefaultsServiceRef,
  platformStatusRulesExtensionPoint,
  type PlatformClusterSourceFactory,
} from '@fractal/backstage-plugin-platform-node';
import type { StatusRuleSet } from '@fractal/backstage-plugin-platform-common';
import { createCompileRouter } from './compile';
import { readPlatformBackendOptions } from './config/readPlatformBackendOptions';
import { createPlatformBackend } from './createPlatformBackend';
import { createHistoryModule } from './history';

/** The longest the history waits for the informers' first list at start. */
const INITIAL_SYNC_HEAD_START_MS = 30_000;

/**
 * The platform backend plugin (`/api/platform`): watches every configured
 * cluster, serves live status, trees, Events and cluster health from memory,
 * pushes status changes, and records the provisioning history.
 *
 * @public
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    const statusRules: StatusRuleSet[] = [];
    let clusterSource: PlatformClusterSourceFactory | undefined;
    env.registerExtensionPoint(platformStatusRulesExtensionPoint, {
      addStatusRules: rules => {
        statusRules.push(rules);
      },
    });
    env.registerExtensionPoint(platformClusterSourceExtensionPoint, {
      setClusterSource(source) {
        if (clusterSource) {
          throw new Error('A platform cluster source is already set');
        }
        clusterSource = source;
      },
    });
    const defaultsExtension = createPlatformDefaultsExtension();
    env.registerExtensionPoint(
      platformDefaultsExtensionPoint,
      defaultsExtension.extensionPoint,
    );

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        events: eventsServiceRef,
        defaultClusters: platformClustersServiceRef,
        defaults: platformDefaultsServiceRef,
      },
      async init(deps) {
        const clusters =
          typeof clusterSource === 'function'
            ? clusterSource({ getDefault: () => deps.defaultClusters })
            : clusterSource ?? deps.defaultClusters;
        const backend = createPlatformBackend({
          ...deps,
          clusters,
          statusRules,
        });
        defaultsExtension.installInto(deps.defaults);
        // `POST /compile`: the template preview (src/compile).
        const compile = createCompileRouter({
          scopes: backend.scopes,
          kinds: backend.kinds,
          clusters,
          defaults: deps.defaults,
          httpAuth: deps.httpAuth,
          catalog: deps.catalog,
          groupType: readPlatformBackendOptions(deps.config).tenants.groupType,
          namespaces: backend.tenants,
        });

        // The provisioning history, metrics, notifications and telemetry
        // (src/history) consume the cache's change stream.
        const history = createHistoryModule({
          ...deps,
          scopes: backend.scopes,
          tenantGroups: backend.directory,
          resourceStates: () => backend.resourceStates(),
          liveResources: () => backend.liveResources(),
          // The cache fills first; the history catches up once it has.
          startRecordingAfter: () =>
            backend.whenSynced(INITIAL_SYNC_HEAD_START_MS),
        });
        backend.subscribe('history', history.listener);

        deps.httpRouter.use(
          backend.router([history.router, compile], (cluster, uid) =>
            history.attemptsOf(cluster, uid),
          ),
        );
        deps.lifecycle.addShutdownHook(async () => {
          await backend.stop();
          await history.stop();
        });
        // The informers start at once; the history migrates its database
        // meanwhile and then records what they saw, in order.
        await Promise.all([backend.start(), history.start()]);
      },
    });
  },
});
