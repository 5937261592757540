/**
 * Configuration of the platform backend plugin. The cluster, kind, tenant and
 * informer keys (`platform.clusters`, `platform.kinds`, `platform.tenants`,
 * `platform.informers`) are declared by `@fractal/backstage-plugin-platform-node`.
 */
export interface Config {
  platform?: {
    /**
     * The platform team Group, as a name (`platform-team`) or an entity ref
     * (`group:default/platform-team`). Its members receive every status push;
     * the demo permission policy grants them `platform.admin`.
     * Default `platform-team`.
     */
    platformTeam?: string;
  };
}
