import Ajv, { type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonObject, JsonValue } from '../api/types';
import type { FieldError } from './CompileInputError';
import {
  convertStructuralSchema,
  LIST_MAP_KEYS_KEYWORD,
} from './convertStructuralSchema';
import { toFieldErrors } from './validationErrors';

/** Validates one manifest; returns its field errors, empty when valid. @public */
export type ManifestValidator = (manifest: JsonObject) => FieldError[];

/** Identifies the schema a validator was compiled for. @public */
export interface SchemaKey {
  group: string;
  version: string;
  kind: string;
}

const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+)$/;
const CIDR =
  /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(3[0-2]|[12]?\d)$|^(?=[^/]*:)[0-9a-fA-F:.]+\/(12[0-8]|1[01]\d|[1-9]?\d)$/;
const MAC = /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/;

function checkListMapKeys(keys: string[], data: unknown): string | undefined {
  if (!Array.isArray(data)) return undefined;
  const seen = new Set<string>();
  for (const item of data) {
    if (typeof item !== 'object' || item === null) continue;
    const id = JSON.stringify(
      keys.map(k => (item as Record<string, unknown>)[k] ?? null),
    );
    if (seen.has(id)) {
      return `must not contain two items with the same ${keys.join(', ')}`;
    }
    seen.add(id);
  }
  return undefined;
}

const validateListMapKeys: SchemaValidateFunction = (
  keys: string[],
  data: unknown,
) => {
  const message = checkListMapKeys(keys, data);
  validateListMapKeys.errors = message
    ? [{ keyword: LIST_MAP_KEYS_KEYWORD, message, params: { keys } }]
    : [];
  return message === undefined;
};

/**
 * A fresh Ajv instance set up for converted Kubernetes schemas: all errors,
 * no console logging, non-unicode regular expressions (closer to what CRD
 * authors write), the formats of {@link KNOWN_FORMATS}, and the list-map
 * keyword.
 * @public
 */
export function createSchemaAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    logger: false,
    unicodeRegExp: false,
    allowUnionTypes: true,
  });
  addFormats(ajv, [
    'date',
    'date-time',
    'uri',
    'email',
    'hostname',
    'ipv4',
    'ipv6',
    'uuid',
    'byte',
    'int32',
    'int64',
    'float',
    'double',
    'password',
  ]);
  ajv.addFormat('duration', GO_DURATION);
  ajv.addFormat('cidr', CIDR);
  ajv.addFormat('mac', MAC);
  ajv.addKeyword({
    keyword: LIST_MAP_KEYS_KEYWORD,
    type: 'array',
    schemaType: 'array',
    validate: validateListMapKeys,
    errors: true,
  });
  return ajv;
}

function wrap(validate: ValidateFunction): ManifestValidator {
  return manifest =>
    validate(manifest) ? [] : toFieldErrors(validate.errors ?? [], manifest);
}

/**
 * Compiles a validator for a CRD version's `openAPIV3Schema` without any
 * caching (the cold path; prefer a {@link SchemaValidatorCache}).
 * @public
 */
export function compileSchemaValidator(
  openAPIV3Schema: JsonObject,
  ajv: Ajv = createSchemaAjv(),
): ManifestValidator {
  return wrap(ajv.compile(convertStructuralSchema(openAPIV3Schema)));
}

function stableStringify(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys
      .map(k => `${JSON.stringify(k)}:${stableStringify(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A 53-bit string hash (cyrb53), hex. Not cryptographic: a cache key. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** Options of {@link SchemaValidatorCache}. @public */
export interface SchemaValidatorCacheOptions {
  /** Validators kept; the least recently used is dropped first. Default 128. */
  maxEntries?: number;
}

interface Entry {
  validator: ManifestValidator;
  schema: JsonObject;
}

/**
 * Compiled validators, one per (group, kind, version, schema hash), bounded
 * and least-recently-used. The hash covers the whole schema (key order does
 * not matter), so a changed CRD gets a new validator; the hash of a schema
 * object is remembered per object, so passing the same object again costs a
 * map lookup. Evicted schemas are also removed from the Ajv instance, so
 * memory stays bounded.
 * @public
 */
export class SchemaValidatorCache {
  private readonly maxEntries: number;
  private readonly entries = new Map<string, Entry>();
  private readonly hashes = new WeakMap<object, string>();
  private ajv: Ajv | undefined;

  constructor(options: SchemaValidatorCacheOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 128);
  }

  /** Validators currently cached. */
  get size(): number {
    return this.entries.size;
  }

  /** The validator for this kind version and schema, compiled on first use. */
  get(key: SchemaKey, openAPIV3Schema: JsonObject): ManifestValidator {
    let hash = this.hashes.get(openAPIV3Schema);
    if (hash === undefined) {
      hash = hash53(stableStringify(openAPIV3Schema));
      this.hashes.set(openAPIV3Schema, hash);
    }
    const id = `${key.group}/${key.kind}/${key.version}#${hash}`;
    const found = this.entries.get(id);
    if (found) {
      this.entries.delete(id);
      this.entries.set(id, found);
      return found.validator;
    }
    this.ajv ??= createSchemaAjv();
    const schema = convertStructuralSchema(openAPIV3Schema);
    const entry = { validator: wrap(this.ajv.compile(schema)), schema };
    this.entries.set(id, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      const evicted = this.entries.get(oldest);
      this.entries.delete(oldest);
      if (evicted) this.ajv.removeSchema(evicted.schema);
    }
    return entry.validator;
  }

  /** Drops every validator. */
  clear(): void {
    this.entries.clear();
    this.ajv = undefined;
  }
}

/** The cache compile uses unless given another. @public */
export const defaultSchemaValidatorCache = new SchemaValidatorCache();
