import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { MinutesSaved } from '@fractal/backstage-plugin-platform-common';
import {
  readDurationMs,
  readOptionalDurationMs,
} from '../config/readDurationMs';

/** `platform.provisioning`, read and checked once at startup. */
export interface ProvisioningConfig {
  /** Time to Ready after which an open attempt counts as stuck, by kind. */
  slo: { defaultMs: number; byKindMs: Record<string, number> };
  /** Minutes of manual work one provisioning through the portal saves, by kind. */
  manualMinutesSaved: MinutesSaved;
  /** How often the stuck check runs. */
  stuckCheckIntervalMs: number;
  /** Send notifications on Ready, failure and stuck. */
  notificationsEnabled: boolean;
}

const KEY = 'platform.provisioning';

/** Defaults, in one place. */
export const PROVISIONING_DEFAULTS = {
  sloMs: 10 * 60_000,
  manualMinutesSaved: 120,
  stuckCheckIntervalMs: 60_000,
  notificationsEnabled: true,
} as const;

function positiveDurationMs(config: Config, key: string, path: string): number {
  return readDurationMs(config, key, { path });
}

function readPerKind<T>(
  config: Config | undefined,
  path: string,
  read: (config: Config, key: string, fullPath: string) => T,
): Record<string, T> {
  const result: Record<string, T> = {};
  if (config) {
    for (const key of config.keys()) {
      result[key] = read(config, key, `${path}.${key}`);
    }
  }
  return result;
}

function minutes(config: Config, key: string, path: string): number {
  const value = config.getOptional(key);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(
      `Invalid value at '${path}': expected a number of minutes >= 0, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value;
}

/**
 * Reads `platform.provisioning` (SLOs, minutes saved, stuck check interval,
 * notifications); throws an `InputError` naming the key on invalid values so
 * the backend refuses to start.
 */
export function readProvisioningConfig(root: Config): ProvisioningConfig {
  const config = root.getOptionalConfig(KEY);
  const slo = readPerKind(
    config?.getOptionalConfig('slo'),
    `${KEY}.slo`,
    positiveDurationMs,
  );
  const saved = readPerKind(
    config?.getOptionalConfig('manualMinutesSaved'),
    `${KEY}.manualMinutesSaved`,
    minutes,
  );
  const { default: defaultSlo, ...sloByKind } = slo;
  const { default: defaultMinutes, ...minutesByKind } = saved;
  let notificationsEnabled: boolean =
    PROVISIONING_DEFAULTS.notificationsEnabled;
  try {
    notificationsEnabled =
      config?.getOptionalBoolean('notifications.enabled') ??
      notificationsEnabled;
  } catch (error) {
    throw new InputError(
      `Invalid value at '${KEY}.notifications.enabled': ${
        (error as Error).message
      }`,
    );
  }
  return {
    slo: {
      defaultMs: defaultSlo ?? PROVISIONING_DEFAULTS.sloMs,
      byKindMs: sloByKind,
    },
    manualMinutesSaved: {
      default: defaultMinutes ?? PROVISIONING_DEFAULTS.manualMinutesSaved,
      byKind: minutesByKind,
    },
    stuckCheckIntervalMs: config
      ? readOptionalDurationMs(
          config,
          'stuckCheckInterval',
          PROVISIONING_DEFAULTS.stuckCheckIntervalMs,
          { path: `${KEY}.stuckCheckInterval` },
        )
      : PROVISIONING_DEFAULTS.stuckCheckIntervalMs,
    notificationsEnabled,
  };
}

/** The SLO of a kind. */
export function sloFor(config: ProvisioningConfig, kind: string): number {
  return Object.prototype.hasOwnProperty.call(config.slo.byKindMs, kind)
    ? config.slo.byKindMs[kind]
    : config.slo.defaultMs;
}
