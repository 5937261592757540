import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  FRACTAL_PREFIX,
  LABEL_MANAGED_BY,
  type JsonObject,
  type JsonValue,
  type PlatformDefaultsConfig,
} from '@fractal/backstage-plugin-platform-common';

/** Defaults per kind: `{ PostgreSQLInstance: { spec: { ... } } }`. @public */
export type KindDefaults = Record<string, JsonObject>;

const ROOT = 'platform.defaults';
const KIND_NAME = /^[A-Z][A-Za-z0-9]{0,62}$/;
const SECTION_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(key: string, message: string): never {
  throw new InputError(`${key} ${message}`);
}

/** Keys of labels and annotations Fractal sets itself and defaults must not forge. */
function isReservedKey(key: string): boolean {
  return key.startsWith(`${FRACTAL_PREFIX}/`) || key === LABEL_MANAGED_BY;
}

function checkStringMap(value: JsonValue, key: string) {
  if (!isObject(value)) fail(key, 'must be an object of strings');
  for (const [name, item] of Object.entries(value)) {
    if (isReservedKey(name)) {
      fail(
        `${key}["${name}"]`,
        'is set by Fractal on every manifest and cannot be a default',
      );
    }
    if (typeof item !== 'string') fail(`${key}["${name}"]`, 'must be a string');
  }
}

/**
 * A defaults fragment may set `spec` and extra `metadata.labels` /
 * `metadata.annotations`; never the identity of the object (apiVersion,
 * kind, name, namespace) nor Fractal's own keys, so defaults can never move
 * a resource to another namespace or tenant.
 */
function checkFragment(value: JsonValue, key: string): JsonObject {
  if (!isObject(value)) fail(key, 'must be an object (a manifest fragment)');
  for (const [field, item] of Object.entries(value)) {
    if (field === 'spec') {
      if (!isObject(item)) fail(`${key}.spec`, 'must be an object');
      continue;
    }
    if (field === 'metadata') {
      if (!isObject(item)) fail(`${key}.metadata`, 'must be an object');
      for (const [metaField, metaValue] of Object.entries(item)) {
        if (metaField !== 'labels' && metaField !== 'annotations') {
          fail(
            `${key}.metadata.${metaField}`,
            metaField === 'namespace'
              ? 'cannot be a default: the namespace comes from the tenant mapping'
              : 'cannot be a default; only metadata.labels and metadata.annotations can',
          );
        }
        checkStringMap(metaValue, `${key}.metadata.${metaField}`);
      }
      continue;
    }
    fail(
      `${key}.${field}`,
      'cannot be a default; a defaults fragment sets only spec, metadata.labels and metadata.annotations',
    );
  }
  return value;
}

function readKindDefaults(value: JsonValue, key: string): KindDefaults {
  if (!isObject(value)) fail(key, 'must be an object keyed by platform kind');
  const out: KindDefaults = {};
  for (const [kind, fragment] of Object.entries(value)) {
    if (!KIND_NAME.test(kind)) {
      fail(
        `${key}.${kind}`,
        'is not a platform kind name (CamelCase, e.g. PostgreSQLInstance)',
      );
    }
    out[kind] = checkFragment(fragment, `${key}.${kind}`);
  }
  return out;
}

function readSections(
  value: JsonValue | undefined,
  key: string,
  what: string,
): Record<string, KindDefaults> {
  if (value === undefined) return {};
  if (!isObject(value)) fail(key, `must be an object keyed by ${what}`);
  const out: Record<string, KindDefaults> = {};
  for (const [name, kinds] of Object.entries(value)) {
    if (!SECTION_NAME.test(name))
      fail(`${key}.${name}`, `is not a valid ${what}`);
    out[name] = readKindDefaults(kinds, `${key}.${name}`);
  }
  return out;
}

/**
 * Reads and validates `platform.defaults`. Throws an `InputError` naming the
 * offending key, so a backend with broken defaults refuses to start.
 *
 * @public
 */
export function readPlatformDefaults(
  config: Config,
): Required<PlatformDefaultsConfig> {
  const root = config.getOptional<JsonValue>(ROOT);
  if (root === undefined) {
    return { platform: {}, environments: {}, tenants: {} };
  }
  if (!isObject(root)) fail(ROOT, 'must be an object');
  for (const key of Object.keys(root)) {
    if (!['platform', 'environments', 'tenants'].includes(key)) {
      fail(
        `${ROOT}.${key}`,
        'is not a known key (expected platform, environments or tenants)',
      );
    }
  }
  return {
    platform:
      root.platform === undefined
        ? {}
        : readKindDefaults(root.platform, `${ROOT}.platform`),
    environments: readSections(
      root.environments,
      `${ROOT}.environments`,
      'environment name',
    ),
    tenants: readSections(root.tenants, `${ROOT}.tenants`, 'tenant name'),
  };
}
