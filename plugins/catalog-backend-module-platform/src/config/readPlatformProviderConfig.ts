import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from '../transforms/entityRefs';

/** Where the provider's config lives. */
export const PLATFORM_PROVIDER_CONFIG_KEY = 'catalog.providers.platform';

/** The settled config of the platform entity provider. @public */
export interface PlatformProviderConfig {
  /** How often entities are read in full from the platform backend. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Owner of platform resources that no tenant owns. */
  fallbackOwner: string;
  kinds: { enabled: boolean; owner: string; lifecycle: string };
  templates: { enabled: boolean; owner: string };
  /** Refresh promptly on `platform.resource` events. */
  events: { enabled: boolean };
}

const PLATFORM_TEAM = 'group:default/platform-team';

/** Every default in one place. @public */
export const platformProviderDefaults: PlatformProviderConfig = {
  schedule: {
    frequency: { seconds: 30 },
    timeout: { minutes: 2 },
    initialDelay: { seconds: 10 },
  },
  fallbackOwner: PLATFORM_TEAM,
  kinds: { enabled: true, owner: PLATFORM_TEAM, lifecycle: 'production' },
  templates: { enabled: true, owner: PLATFORM_TEAM },
  events: { enabled: true },
};

function invalid(key: string, reason: string): InputError {
  return new InputError(
    `Invalid config at ${PLATFORM_PROVIDER_CONFIG_KEY}.${key}: ${reason}`,
  );
}

/** Runs a config getter, turning its error into one that names the key. */
function read<T>(key: string, get: () => T): T {
  try {
    return get();
  } catch (error) {
    throw invalid(key, error instanceof Error ? error.message : String(error));
  }
}

function readOwner(config: Config, key: string, fallback: string): string {
  const value = read(key, () => config.getOptionalString(key));
  if (value === undefined) {
    return fallback;
  }
  const ref = normalizeEntityRef(value, 'group');
  if (!ref) {
    throw invalid(key, `'${value}' is not an entity ref, e.g. group:default/platform-team`);
  }
  return ref;
}

/**
 * Reads `catalog.providers.platform`, filling in {@link platformProviderDefaults};
 * throws an `InputError` naming the key when a value is invalid, so the
 * backend refuses to start rather than run with a config nobody meant.
 *
 * @public
 */
export function readPlatformProviderConfig(root: Config): PlatformProviderConfig {
  const config = read('', () => root.getOptionalConfig(PLATFORM_PROVIDER_CONFIG_KEY));
  if (!config) {
    return platformProviderDefaults;
  }
  const scheduleConfig = read('schedule', () => config.getOptionalConfig('schedule'));
  const schedule = scheduleConfig
    ? read('schedule', () =>
        readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig),
      )
    : platformProviderDefaults.schedule;

  const defaults = platformProviderDefaults;
  const lifecycle =
    read('kinds.lifecycle', () => config.getOptionalString('kinds.lifecycle')) ??
    defaults.kinds.lifecycle;
  if (!lifecycle.trim()) {
    throw invalid('kinds.lifecycle', 'must not be empty');
  }
  const enabled = (key: string, fallback: boolean) =>
    read(key, () => config.getOptionalBoolean(key)) ?? fallback;

  return {
    schedule,
    fallbackOwner: readOwner(config, 'fallbackOwner', defaults.fallbackOwner),
    kinds: {
      enabled: enabled('kinds.enabled', defaults.kinds.enabled),
      owner: readOwner(config, 'kinds.owner', defaults.kinds.owner),
      lifecycle,
    },
    templates: {
      enabled: enabled('templates.enabled', defaults.templates.enabled),
      owner: readOwner(config, 'templates.owner', defaults.templates.owner),
    },
    events: { enabled: enabled('events.enabled', defaults.events.enabled) },
  };
}
