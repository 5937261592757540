import type { TenantAuthorizer } from '../authorization/TenantAuthorizer';
import type { ClusterDirectory } from '../cluster/ClusterDirectory';
import type { ResourceCompiler } from '../compile/ResourceCompiler';
import type { TemplateRunReporter } from '../reporting/TemplateRunReporter';
import type { TenantMapping } from '@fractal/backstage-plugin-platform-common';

/** What the actions share, built once by the module. */
export interface ActionServices {
  authorizer: TenantAuthorizer;
  compiler: ResourceCompiler;
  clusters: ClusterDirectory;
  reporter: TemplateRunReporter;
  tenants: TenantMapping;
}
