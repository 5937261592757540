import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { InputError } from '@backstage/errors';
import { EmulatorOptions } from './EmulatorOptions';
import { CONFIG_SCHEMA } from './configSchema';

/** The emulator's config file: EmulatorOptions plus a log level. */
export type EmulatorConfigFile = Omit<EmulatorOptions, 'logger'> & {
  logLevel?: 'debug' | 'info' | 'silent';
};

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(CONFIG_SCHEMA);

/** Validates a parsed config object; throws InputError listing every problem. */
export function parseConfig(
  input: unknown,
  source: string,
): EmulatorConfigFile {
  const value = input ?? {};
  if (!validate(value)) {
    const problems = (validate.errors ?? [])
      .map(e => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
      .join('; ');
    throw new InputError(`invalid emulator config ${source}: ${problems}`);
  }
  const config = value as EmulatorConfigFile;
  for (const identity of config.identities ?? []) {
    if (identity.role === 'tenant' && !identity.tenant) {
      throw new InputError(
        `invalid emulator config ${source}: identity ${identity.name} has role tenant but no tenant`,
      );
    }
  }
  return config;
}

/**
 * Reads a YAML config file. A relative `stateDir` is resolved against the
 * file's folder.
 */
export function loadConfigFile(path: string): EmulatorConfigFile {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new InputError(
      `cannot read emulator config ${absolute}: ${(error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new InputError(
      `emulator config ${absolute} is not valid YAML: ${
        (error as Error).message
      }`,
    );
  }
  const config = parseConfig(parsed, absolute);
  if (config.stateDir && !isAbsolute(config.stateDir)) {
    config.stateDir = resolve(dirname(absolute), config.stateDir);
  }
  return config;
}
