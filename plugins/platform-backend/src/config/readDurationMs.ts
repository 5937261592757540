import { readDurationFromConfig, type Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** Options of {@link readDurationMs}. */
export interface ReadDurationOptions {
  /** The full key for messages when `config` is a sub-config; default `key`. */
  path?: string;
  /** Accept a zero duration (default: it must be greater than zero). */
  allowZero?: boolean;
}

/**
 * Reads a duration (`'10m'`, `'PT15M'` or `{ minutes: 10 }`) in
 * milliseconds. Throws an `InputError` naming the key when it is malformed,
 * negative, or zero without `allowZero`, so the backend refuses to start.
 */
export function readDurationMs(
  config: Config,
  key: string,
  options: ReadDurationOptions = {},
): number {
  const path = options.path ?? key;
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw new InputError(
      `Invalid duration at '${path}': ${
        (error as Error).message
      }. Use e.g. '10m', 'PT15M' or { minutes: 10 }.`,
    );
  }
  if (!Number.isFinite(ms) || ms < 0 || (ms === 0 && !options.allowZero)) {
    throw new InputError(
      `Invalid duration at '${path}': must be ${
        options.allowZero ? 'zero or more' : 'greater than zero'
      }`,
    );
  }
  return ms;
}

/** {@link readDurationMs} when the key is set, else `fallback`. */
export function readOptionalDurationMs(
  config: Config,
  key: string,
  fallback: number,
  options: ReadDurationOptions = {},
): number {
  return config.has(key) ? readDurationMs(config, key, options) : fallback;
}
