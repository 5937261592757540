import { isJsonObject } from '../util/json';
import { finalizersOf, KubeObject, metaString } from '../util/objects';
import {
  badRequest,
  FieldError,
  forbiddenBecause,
  invalid,
  notFound,
} from '../api/StatusError';
import {
  applyDefaults,
  pruneUnknownFields,
  validateSchema,
} from '../schema/processSchema';
import { NAMESPACE_TYPE } from '../store/builtinTypes';
import { objectKey } from '../store/ResourceTable';
import { ResourceType } from '../store/ResourceType';
import { ClusterCore } from './ClusterCore';
import { resourceName, withoutKeys } from './objectChecks';
import { validateObjectMeta } from './validateObjectMeta';
import { WriteOptions } from './writeTypes';

/** Refuses new content in a missing or terminating namespace (404, 403). */
export function checkNamespaceWritable(
  core: ClusterCore,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
): void {
  if (!type.namespaced) return;
  const ns = core.store
    .table(NAMESPACE_TYPE.storageKey)
    .get(objectKey('', namespace ?? ''));
  if (!ns) {
    throw notFound({ group: '', resource: 'namespaces' }, namespace ?? '');
  }
  if (
    isJsonObject(ns.object.metadata) &&
    ns.object.metadata.deletionTimestamp
  ) {
    throw forbiddenBecause(
      resourceName(type),
      name,
      `unable to create new content in namespace ${namespace} because it is being terminated`,
    );
  }
}

/**
 * Prunes unknown fields, applies defaults and validates; throws 400/422.
 */
export function admitObject(
  core: ClusterCore,
  type: ResourceType,
  obj: KubeObject,
  old: KubeObject | undefined,
  options: WriteOptions,
): void {
  const name = metaString(obj, 'name') ?? '';
  if (type.validate) {
    const unknown = pruneUnknownFields(obj, type.schema);
    if (unknown.length > 0) {
      const mode = options.fieldValidation ?? 'Warn';
      if (mode === 'Strict') {
        throw badRequest(
          `${type.kind} in version "${type.version}" cannot be handled as a ${
            type.kind
          }: strict decoding error: ${unknown
            .map(u => `unknown field "${u}"`)
            .join(', ')}`,
        );
      }
      if (mode === 'Warn') {
        options.warnings?.push(...unknown.map(u => `unknown field "${u}"`));
      }
    }
    applyDefaults(obj, type.schema);
  }
  const errors: FieldError[] = validateObjectMeta(obj, type === NAMESPACE_TYPE);
  if (type.validate) {
    errors.push(
      ...validateSchema(
        withoutKeys(obj, ['metadata', 'apiVersion', 'kind']),
        type.schema,
      ),
    );
  }
  const strategy = core.strategies.get(type.storageKey);
  errors.push(...(strategy?.validate?.(obj, old) ?? []));
  if (old) {
    const oldFinalizers = new Set(finalizersOf(old));
    const added = finalizersOf(obj).filter(f => !oldFinalizers.has(f));
    if (
      isJsonObject(old.metadata) &&
      old.metadata.deletionTimestamp &&
      added.length > 0
    ) {
      errors.push({
        reason: 'FieldValueForbidden',
        field: 'metadata.finalizers',
        message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added
          .map(f => JSON.stringify(f))
          .join(', ')}}`,
      });
    }
  }
  if (errors.length > 0) {
    throw invalid(type.kind, type.group, name, errors);
  }
}
