import { createHash } from 'node:crypto';

/** The catalog's limit on `metadata.name`, which is also a DNS label's. */
export const MAX_ENTITY_NAME_LENGTH = 63;

const HASH_LENGTH = 8;

/**
 * A catalog entity name for an object identified by `parts` (e.g. cluster,
 * namespace, kind, name), stable across runs and unique across objects:
 * the parts joined by `-`, lowercased, with anything outside `[a-z0-9-]`
 * (and `.` when `allowDots`) replaced by `-`. Whenever that changed the
 * text or it is longer than 63 characters, the name is cut and ends with
 * `-` and 8 hex characters of a hash of the parts themselves, so two objects
 * whose names would otherwise collide stay apart.
 */
export function toEntityName(
  parts: readonly string[],
  options: { allowDots?: boolean } = {},
): string {
  const raw = parts.join('-');
  const invalid = options.allowDots ? /[^a-z0-9.]+/g : /[^a-z0-9]+/g;
  const cleaned = raw
    .toLowerCase()
    .replace(invalid, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  if (cleaned === raw && cleaned.length <= MAX_ENTITY_NAME_LENGTH) {
    return cleaned;
  }
  const hash = createHash('sha256')
    .update(parts.join('\u0000'))
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const prefix = cleaned
    .slice(0, MAX_ENTITY_NAME_LENGTH - HASH_LENGTH - 1)
    .replace(/[^a-z0-9]+$/, '');
  return prefix ? `${prefix}-${hash}` : hash;
}

/** Word boundaries of a Kubernetes kind: before a capital followed by a small letter. */
const KIND_WORD_BOUNDARY = /(?<=[A-Za-z0-9])(?=[A-Z][a-z])/g;

/**
 * The kind as a lowercase, dash-separated word list, used as the entity's
 * `spec.type`: `PostgreSQLInstance` -> `postgresql-instance`, `Bucket` ->
 * `bucket`, `S3Bucket` -> `s3-bucket`.
 */
export function kindToType(kind: string): string {
  return kind
    .replace(KIND_WORD_BOUNDARY, '-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The kind as words for people: `PostgreSQLInstance` -> `PostgreSQL Instance`. */
export function kindToWords(kind: string): string {
  return kind.replace(KIND_WORD_BOUNDARY, ' ');
}

/** A catalog label value: `[A-Za-z0-9]` separated by `[-_.]`, at most 63 characters; undefined when nothing is left. */
export function toLabelValue(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const cleaned = value
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .slice(0, MAX_ENTITY_NAME_LENGTH)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return cleaned || undefined;
}
