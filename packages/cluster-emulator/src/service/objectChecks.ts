import { isJsonObject, JsonObject, JsonValue } from '../util/json';
import { KubeObject, metadataOf, parseApiVersion } from '../util/objects';
import { badRequest } from '../api/StatusError';
import {
  decodeManagedFields,
  encodeManagedFields,
  Managers,
} from '../fields/managedFields';
import { groupVersionOf, ResourceType } from '../store/ResourceType';
import { WriteOptions } from './writeTypes';

/** Metadata only the server sets; writes never change it. */
export const SYSTEM_METADATA = [
  'uid',
  'creationTimestamp',
  'generation',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
];

export function resourceName(type: ResourceType) {
  return { group: type.group, resource: type.plural };
}

export function defaultManager(options: WriteOptions): string {
  if (options.fieldManager) return options.fieldManager;
  const agent = options.userAgent?.split('/')[0]?.trim();
  return (agent || 'unknown').slice(0, 128);
}

export function withoutKeys(obj: KubeObject, keys: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!keys.includes(k)) out[k] = v;
  }
  return out;
}

/** Managed fields without their timestamps, to recognise no-op writes. */
export function comparable(obj: KubeObject): JsonValue {
  const meta = isJsonObject(obj.metadata) ? obj.metadata : {};
  const fields = Array.isArray(meta.managedFields)
    ? meta.managedFields.map(e => (isJsonObject(e) ? { ...e, time: '' } : e))
    : undefined;
  return { ...obj, metadata: { ...meta, managedFields: fields ?? null } };
}

/** Checks a body's apiVersion and kind against the endpoint (400 on mismatch). */
export function checkTypeOf(
  type: ResourceType,
  body: JsonValue,
  requireKind: boolean,
): KubeObject {
  if (!isJsonObject(body)) {
    throw badRequest(`the body of the request was in an unknown format`);
  }
  const expected = groupVersionOf(type);
  if (body.kind === undefined || body.kind === '') {
    if (requireKind) {
      throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    }
    body.kind = type.kind;
  }
  if (body.apiVersion === undefined || body.apiVersion === '') {
    if (requireKind) {
      throw badRequest(
        `Object 'apiVersion' is missing in '${JSON.stringify(body)}'`,
      );
    }
    body.apiVersion = expected;
  }
  if (body.apiVersion !== expected) {
    const given = parseApiVersion(String(body.apiVersion));
    if (given.group !== type.group) {
      throw badRequest(
        `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    body.apiVersion = expected;
  }
  if (body.kind !== type.kind) {
    throw badRequest(
      `the kind in the data (${body.kind}) does not match the expected kind (${type.kind})`,
    );
  }
  if (!isJsonObject(body.metadata)) {
    body.metadata = {};
  }
  return body;
}

export function checkNamespace(
  type: ResourceType,
  obj: KubeObject,
  namespace: string | undefined,
): void {
  const meta = metadataOf(obj);
  if (!type.namespaced) {
    delete meta.namespace;
    return;
  }
  const given = meta.namespace;
  if (given !== undefined && given !== '' && given !== namespace) {
    throw badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  meta.namespace = namespace ?? '';
}

/** Writes managers into `metadata.managedFields` (removing it when empty). */
export function finishManagedFields(obj: KubeObject, managers: Managers): void {
  const entries = encodeManagedFields(managers);
  const meta = metadataOf(obj);
  if (entries.length > 0) meta.managedFields = entries;
  else delete meta.managedFields;
}

/** Managed fields sent with a write: absent keeps the live ones, `[{}]` clears them. */
export function requestedManagers(
  body: KubeObject,
  live: KubeObject | undefined,
): Managers {
  const meta = metadataOf(body);
  const sent = meta.managedFields;
  if (sent === undefined || sent === null) {
    return decodeManagedFields(live);
  }
  if (
    Array.isArray(sent) &&
    sent.length === 1 &&
    isJsonObject(sent[0]) &&
    Object.keys(sent[0]).length === 0
  ) {
    return new Map();
  }
  return decodeManagedFields(body);
}
