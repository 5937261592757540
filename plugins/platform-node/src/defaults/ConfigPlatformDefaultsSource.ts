import type { Config } from '@backstage/config';
import type {
  PlatformDefaultsLayers,
  PlatformDefaultsQuery,
  PlatformDefaultsSource,
} from './PlatformDefaultsSource';
import type { PlatformDefaultsConfig } from '@fractal/backstage-plugin-platform-common';
import { readPlatformDefaults } from './readPlatformDefaults';

function own<T>(
  record: Record<string, T> | undefined,
  key: string | undefined,
) {
  return record &&
    key !== undefined &&
    Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

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
    const { platform, environments, tenants } = this.defaults;
    const layers: PlatformDefaultsLayers = {};
    const forPlatform = own(platform, kind);
    if (forPlatform) layers.platform = forPlatform;
    const forEnvironment = own(own(environments, environment), kind);
    if (forEnvironment) layers.environment = forEnvironment;
    const forTenant = own(own(tenants, tenant), kind);
    if (forTenant) layers.tenant = forTenant;
    return layers;
  }
}
