import { isJsonObject, JsonObject, JsonValue } from '../util/json';
import { KubeObject } from '../util/objects';
import { JSONSchemaProps } from '../schema/JSONSchemaProps';
import { StatusCause, StatusError } from '../api/StatusError';
import {
  FieldPath,
  FieldSet,
  fromFieldsV1,
  pathToString,
  startsWith,
  toFieldsV1,
} from './FieldSet';
import {
  compareValues,
  mergeApplied,
  removePath,
  toFieldSet,
} from './structuredValues';

/** Which part of an object a write addresses. */
export type WriteScope = 'main' | 'status';

/** One manager's record, decoded from `metadata.managedFields`. */
export interface ManagerRecord {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  set: FieldSet;
}

/** The managers of an object, by identifier. */
export type Managers = Map<string, ManagerRecord>;

function identifier(
  r: Pick<
    ManagerRecord,
    'manager' | 'operation' | 'apiVersion' | 'subresource'
  >,
): string {
  return JSON.stringify([
    r.manager,
    r.operation,
    r.operation === 'Apply' ? '' : r.apiVersion,
    r.subresource ?? '',
  ]);
}

/** Reads `metadata.managedFields`. */
export function decodeManagedFields(obj: KubeObject | undefined): Managers {
  const managers: Managers = new Map();
  const meta = obj?.metadata;
  const list = isJsonObject(meta) ? meta.managedFields : undefined;
  if (!Array.isArray(list)) {
    return managers;
  }
  for (const entry of list) {
    if (!isJsonObject(entry) || typeof entry.manager !== 'string') {
      continue;
    }
    const record: ManagerRecord = {
      manager: entry.manager,
      operation: entry.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: typeof entry.apiVersion === 'string' ? entry.apiVersion : '',
      time: typeof entry.time === 'string' ? entry.time : '',
      subresource:
        typeof entry.subresource === 'string' && entry.subresource
          ? entry.subresource
          : undefined,
      set: fromFieldsV1(entry.fieldsV1),
    };
    managers.set(identifier(record), record);
  }
  return managers;
}

/** Writes managers as `metadata.managedFields` entries, in the server's order. */
export function encodeManagedFields(managers: Managers): JsonValue[] {
  const records = [...managers.values()].filter(r => r.set.size > 0);
  records.sort(
    (a, b) =>
      a.operation.localeCompare(b.operation) ||
      a.time.localeCompare(b.time) ||
      a.manager.localeCompare(b.manager) ||
      a.apiVersion.localeCompare(b.apiVersion) ||
      (a.subresource ?? '').localeCompare(b.subresource ?? ''),
  );
  return records.map(r => {
    const entry: JsonObject = {
      manager: r.manager,
      operation: r.operation,
      apiVersion: r.apiVersion,
      time: r.time,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(r.set),
    };
    if (r.subresource) {
      entry.subresource = r.subresource;
    }
    return entry;
  });
}

const TRACKED_METADATA = [
  'labels',
  'annotations',
  'finalizers',
  'ownerReferences',
];

/**
 * The part of an object whose fields are tracked for a write: no
 * apiVersion/kind, only the user-settable metadata, and either everything but
 * status (main endpoint of a type with a status subresource) or only status.
 */
export function managedView(
  obj: KubeObject | undefined,
  scope: WriteScope,
  statusSubresource: boolean,
): JsonObject {
  const view: JsonObject = {};
  if (!obj) {
    return view;
  }
  if (scope === 'status') {
    if (obj.status !== undefined) {
      view.status = obj.status;
    }
    return view;
  }
  for (const [key, value] of Object.entries(obj)) {
    if (
      key === 'apiVersion' ||
      key === 'kind' ||
      (key === 'status' && statusSubresource)
    ) {
      continue;
    }
    if (key === 'metadata' && isJsonObject(value)) {
      const meta: JsonObject = {};
      for (const field of TRACKED_METADATA) {
        if (value[field] !== undefined) meta[field] = value[field];
      }
      if (Object.keys(meta).length > 0) view.metadata = meta;
      continue;
    }
    view[key] = value;
  }
  return view;
}

/** Common inputs of a tracked write. */
export interface TrackedWrite {
  managers: Managers;
  manager: string;
  apiVersion: string;
  scope: WriteScope;
  statusSubresource: boolean;
  schema: JSONSchemaProps;
  now: string;
}

function subresourceOf(scope: WriteScope): string | undefined {
  return scope === 'status' ? 'status' : undefined;
}

function dropEmpty(managers: Managers): Managers {
  for (const [id, record] of managers) {
    if (record.set.size === 0) managers.delete(id);
  }
  return managers;
}

/**
 * Records a non-apply write (create, update, patch): the writer owns what it
 * added or changed; others lose what it changed or removed.
 */
export function trackUpdate(
  write: TrackedWrite,
  live: KubeObject | undefined,
  updated: KubeObject,
): Managers {
  const comparison = compareValues(
    managedView(live, write.scope, write.statusSubresource),
    managedView(updated, write.scope, write.statusSubresource),
    write.schema,
  );
  const changed = comparison.added.union(comparison.modified);
  const managers: Managers = new Map();
  const key = identifier({
    manager: write.manager,
    operation: 'Update',
    apiVersion: write.apiVersion,
    subresource: subresourceOf(write.scope),
  });
  for (const [id, record] of write.managers) {
    if (id === key) continue;
    managers.set(id, {
      ...record,
      set: record.set.difference(changed).difference(comparison.removed),
    });
  }
  const previous = write.managers.get(key)?.set ?? new FieldSet();
  const own = previous.union(changed).difference(comparison.removed);
  if (own.size > 0) {
    managers.set(key, {
      manager: write.manager,
      operation: 'Update',
      apiVersion: write.apiVersion,
      time: write.now,
      subresource: subresourceOf(write.scope),
      set: own,
    });
  }
  return dropEmpty(managers);
}

function printManager(r: ManagerRecord): string {
  let out = JSON.stringify(r.manager);
  if (r.subresource) {
    out += ` with subresource ${JSON.stringify(r.subresource)}`;
  }
  if (r.operation === 'Update') {
    out += ` using ${r.apiVersion}`;
  }
  return out;
}

/** 409 with one `FieldManagerConflict` cause per conflicting field. */
export function applyConflictError(
  unsorted: Array<{ record: ManagerRecord; path: FieldPath }>,
): StatusError {
  const conflicts = [...unsorted].sort((a, b) =>
    pathToString(a.path).localeCompare(pathToString(b.path)),
  );
  const causes: StatusCause[] = conflicts.map(c => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.record)}`,
    field: pathToString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(
      conflicts[0].record,
    )}: ${pathToString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<
      string,
      { record: ManagerRecord; paths: string[] }
    >();
    for (const c of conflicts) {
      const entry = byManager.get(c.record.manager) ?? {
        record: c.record,
        paths: [],
      };
      entry.paths.push(pathToString(c.path));
      byManager.set(c.record.manager, entry);
    }
    const lines: string[] = [];
    for (const name of [...byManager.keys()].sort()) {
      const entry = byManager.get(name)!;
      lines.push(`conflicts with ${printManager(entry.record)}:`);
      for (const p of entry.paths) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join(
      '\n',
    )}`;
  }
  return new StatusError(409, 'Conflict', message, { causes });
}

/** The result of a server-side apply. */
export interface ApplyResult {
  object: KubeObject;
  managers: Managers;
}

/**
 * Server-side apply: merges `config` into `live`, removes fields the manager
 * stopped applying (unless someone else owns them), and fails with 409 when
 * the change touches fields other managers own, unless `force`.
 */
export function serverSideApply(
  write: TrackedWrite & { force: boolean },
  live: KubeObject | undefined,
  config: KubeObject,
): ApplyResult {
  const configView = managedView(config, write.scope, write.statusSubresource);
  const applied = toFieldSet(configView, write.schema);
  const key = identifier({
    manager: write.manager,
    operation: 'Apply',
    apiVersion: write.apiVersion,
    subresource: subresourceOf(write.scope),
  });
  const merged = mergeApplied(live ?? {}, config, write.schema) as KubeObject;

  const lastApplied = write.managers.get(key)?.set;
  if (lastApplied) {
    const ownedByOthers: FieldPath[] = [];
    for (const [id, record] of write.managers) {
      if (id !== key) ownedByOthers.push(...record.set.values());
    }
    for (const path of lastApplied.difference(applied).values()) {
      if (!ownedByOthers.some(owned => startsWith(owned, path))) {
        removePath(merged, path, write.schema);
      }
    }
  }

  const comparison = compareValues(
    managedView(live, write.scope, write.statusSubresource),
    managedView(merged, write.scope, write.statusSubresource),
    write.schema,
  );
  const changed = comparison.added.union(comparison.modified);
  const conflicts: Array<{ record: ManagerRecord; path: FieldPath }> = [];
  const managers: Managers = new Map();
  for (const [id, record] of write.managers) {
    if (id === key) continue;
    const clashing = record.set.intersection(changed);
    for (const path of clashing.values()) conflicts.push({ record, path });
    managers.set(id, {
      ...record,
      set: record.set.difference(clashing).difference(comparison.removed),
    });
  }
  if (conflicts.length > 0 && !write.force) {
    throw applyConflictError(conflicts);
  }
  managers.set(key, {
    manager: write.manager,
    operation: 'Apply',
    apiVersion: write.apiVersion,
    time: write.now,
    subresource: subresourceOf(write.scope),
    set: applied,
  });
  return { object: merged, managers: dropEmpty(managers) };
}
