import type { CompileDefaults, PlatformDefaultsConfig } from './types';

/**
 * Picks the defaults layers of one kind for one environment and tenant from
 * the `platform.defaults` configuration.
 * @public
 */
export function defaultsFor(
  config: PlatformDefaultsConfig | undefined,
  kind: string,
  environment: string,
  tenant: string,
): CompileDefaults {
  const own = <T>(record: Record<string, T> | undefined, key: string) =>
    record && Object.prototype.hasOwnProperty.call(record, key)
      ? record[key]
      : undefined;
  return {
    platform: own(config?.platform, kind),
    environment: own(own(config?.environments, environment), kind),
    tenant: own(own(config?.tenants, tenant), kind),
  };
}
