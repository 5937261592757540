import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  JsonObject,
  TemplateRunReport,
} from '@fractal/backstage-plugin-platform-common';
import {
  ConfigPlatformClustersService,
  ConfigPlatformDefaultsSource,
  type PlatformClustersService,
} from '@fractal/backstage-plugin-platform-node';
import type { ActionServices } from '../actions/ActionServices';
import { TenantAuthorizer } from '../authorization/TenantAuthorizer';
import {
  ProvisioningClusterDirectory,
  type ClusterDirectory,
} from '../cluster/ClusterDirectory';
import { KindLookup } from '../cluster/KindLookup';
import type { PlatformClusterClient } from '../cluster/types';
import { ResourceCompiler } from '../compile/ResourceCompiler';
import { readActionsConfig } from '../config/readActionsConfig';
import { TemplateRunReporter } from '../reporting/TemplateRunReporter';
import { demoAdmins, demoCatalogEntities } from './demoCatalog';

/** A cluster as the tests configure it. */
export interface TestCluster {
  name: string;
  url: string;
  environment?: string;
  caData?: string;
  /** Provisioning token (default `fractal-provisioner-token`). */
  token?: string;
}

/** Options of {@link createTestServices}. */
export interface TestServicesOptions {
  clusters: TestCluster[] | PlatformClustersService;
  defaults?: JsonObject;
  /** Wraps every cluster client, e.g. to record calls. */
  wrapClient?: (client: PlatformClusterClient) => PlatformClusterClient;
}

/** The action services wired as the module wires them, on test doubles. */
export function createTestServices(options: TestServicesOptions) {
  const config = new ConfigReader({
    platform: { defaults: options.defaults ?? {} },
  });
  const settings = readActionsConfig(config);
  const platformClusters = Array.isArray(options.clusters)
    ? ConfigPlatformClustersService.fromConfig(
        new ConfigReader({
          platform: {
            clusters: options.clusters.map(c => ({
              name: c.name,
              url: c.url,
              environment: c.environment,
              ...(c.caData ? { caData: c.caData } : { skipTLSVerify: true }),
              serviceAccountToken: 'fractal-reader-token',
              provisioning: {
                serviceAccountToken: c.token ?? 'fractal-provisioner-token',
              },
            })),
          },
        }),
      )
    : options.clusters;
  const baseDirectory = new ProvisioningClusterDirectory(platformClusters);
  const clusters: ClusterDirectory = options.wrapClient
    ? {
        listClusters: () => baseDirectory.listClusters(),
        getCluster: name => baseDirectory.getCluster(name),
        client: async name =>
          options.wrapClient!(await baseDirectory.client(name)),
      }
    : baseDirectory;
  const kinds = new KindLookup(settings.kinds);
  const catalog = catalogServiceMock({ entities: demoCatalogEntities });
  const auth = mockServices.auth();
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(() => ({
        result:
          auth.isPrincipal(credentials, 'user') &&
          demoAdmins.has(credentials.principal.userEntityRef)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  });
  const authorizer = new TenantAuthorizer({
    catalog,
    permissions,
    auth,
    groupType: settings.tenants.groupType,
  });
  const compiler = new ResourceCompiler({
    clusters,
    kinds,
    defaults: ConfigPlatformDefaultsSource.fromConfig(config),
    tenants: settings.tenants,
  });
  const reports: TemplateRunReport[] = [];
  const reporter = new TemplateRunReporter({
    sink: {
      async reportTemplateRun(
        report,
        { credentials }: { credentials: BackstageCredentials },
      ) {
        if (!auth.isPrincipal(credentials, 'service')) {
          throw new Error(
            'template runs must be reported with service credentials',
          );
        }
        reports.push(report);
        return report;
      },
    },
    auth,
    logger: mockServices.logger.mock(),
  });
  const services: ActionServices = {
    authorizer,
    compiler,
    clusters,
    reporter,
    tenants: settings.tenants,
  };
  return { services, kinds, catalog, permissions, reports };
}
