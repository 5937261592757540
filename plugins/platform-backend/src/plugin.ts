import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  platformClusterSourceExtensionPoint,
  platformClustersServiceRef,
  platformStatusRulesExtensionPoint,
  type PlatformClusterSourceFactory,
} from '@fractal/backstage-plugin-platform-node';
import { StatusEvaluator } from './cache/StatusEvaluator';
import { createPlatformBackend } from './createPlatformBackend';

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
    const evaluator = new StatusEvaluator();
    let clusterSource: PlatformClusterSourceFactory | undefined;
    env.registerExtensionPoint(platformStatusRulesExtensionPoint, {
      addStatusRules: rules => evaluator.addRules(rules),
    });
    env.registerExtensionPoint(platformClusterSourceExtensionPoint, {
      setClusterSource(source) {
        if (clusterSource) {
          throw new Error('A platform cluster source is already set');
        }
        clusterSource = source;
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        events: eventsServiceRef,
        defaultClusters: platformClustersServiceRef,
      },
      async init(deps) {
        const clusters =
          typeof clusterSource === 'function'
            ? clusterSource({ getDefault: () => deps.defaultClusters })
            : clusterSource ?? deps.defaultClusters;
        const backend = createPlatformBackend({ ...deps, clusters, evaluator });

        // ---- history module (src/history, built separately) -------------
        // Once src/history/index.ts exports createHistoryModule(options)
        // returning { listener, router, start, stop }, wire it here:
        //   const history = createHistoryModule({ ...deps, database, scopes: backend.scopes });
        //   backend.subscribe('history', history.listener);
        //   extraRouters.push(history.router);
        //   lifecycle: await history.start() / await history.stop()
        const extraRouters: Parameters<typeof backend.router>[0] = [];
        // -------------------------------------------------------------------

        deps.httpRouter.use(backend.router(extraRouters));
        await backend.start();
        deps.lifecycle.addShutdownHook(() => backend.stop());
      },
    });
  },
});
