import type { Config } from '@backstage/config';
import type {
  PlatformDefaultsLayers,
  PlatformDefaultsQuery,
  PlatformDefaultsSource,
} from './PlatformDefaultsSource';
import {
  readPlatformDefaults,
  type PlatformDefaultsConfig,
} from './readPlatformDefaults';

/**
 * The default {@link PlatformDefaultsSource}: `platform.defaults` from config,
 * read and validated once at construction.
 *
 * @public
 */
export class ConfigPlatformDefaultsSource implements PlatformDefaultsSource {
  static fromConfig(config: Config): ConfigPlatformDefaultsSource {
    return new ConfigPlatformDefaultsSource(readPlatformDefaults(config));
  }

  constructor(private readonly defaults: PlatformDefaultsConfig) {}

  async getDefaults(
    query: PlatformDefaultsQuery,
  ): Promise<PlatformDefaultsLayers> {
    const { kind, environment, tenant } = query;
    const layers: PlatformDefaultsLayers = {};
    const platform = this.defaults.platform[kind];
    if (platform) layers.platform = platform;
    const env =
      environment !== undefined
        ? this.defaults.environments[environment]?.[kind]
        : undefined;
    if (env) layers.environment = env;
    const ten =
      tenant !== undefined ? this.defaults.tenants[tenant]?.[kind] : undefined;
    if (ten) layers.tenant = ten;
    return layers;
  }
}
