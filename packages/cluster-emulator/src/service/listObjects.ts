import { labelsOf, KubeObject, metaString } from '../util/objects';
import { expired } from '../api/StatusError';
import {
  FieldRequirement,
  LabelSelector,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../api/selectors';
import { ObjectStore } from '../store/ObjectStore';
import { ResourceTable, StoredObject, TableView } from '../store/ResourceTable';
import { ResourceType } from '../store/ResourceType';
import { ContinueToken, decodeContinue, encodeContinue } from './continueToken';

/** Query parameters of a list. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

/** One page of a list. */
export interface ListResult {
  items: StoredObject[];
  resourceVersion: number;
  continue?: string;
  remainingItemCount?: number;
}

/** Filters a watch or list applies to each object. */
export interface ObjectFilter {
  namespace?: string;
  labels: LabelSelector;
  fields: FieldRequirement[];
  type: ResourceType;
}

/** Parses the selectors of a list or watch (400 on a bad selector). */
export function makeFilter(
  type: ResourceType,
  namespace: string | undefined,
  labelSelector?: string,
  fieldSelector?: string,
): ObjectFilter {
  return {
    namespace,
    labels: parseLabelSelector(labelSelector),
    fields: parseFieldSelector(fieldSelector, [
      'metadata.name',
      'metadata.namespace',
      ...type.fieldLabels,
    ]),
    type,
  };
}

function fieldValueOf(
  type: ResourceType,
  obj: KubeObject,
  field: string,
): string {
  if (field === 'metadata.name') return metaString(obj, 'name') ?? '';
  if (field === 'metadata.namespace') return metaString(obj, 'namespace') ?? '';
  return type.fieldValue?.(obj, field) ?? '';
}

/** Whether an object passes a filter. */
export function matchesFilter(filter: ObjectFilter, obj: KubeObject): boolean {
  if (
    filter.namespace !== undefined &&
    metaString(obj, 'namespace') !== filter.namespace
  ) {
    return false;
  }
  if (
    filter.labels.length > 0 &&
    !matchesLabels(filter.labels, labelsOf(obj))
  ) {
    return false;
  }
  if (
    filter.fields.length > 0 &&
    !matchesFields(filter.fields, f => fieldValueOf(filter.type, obj, f))
  ) {
    return false;
  }
  return true;
}

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** The first key after every key that starts with `prefix` (`ns/` -> `ns0`). */
function prefixEnd(prefix: string): string | undefined {
  if (!prefix) return undefined;
  return `${prefix.slice(0, -1)}${String.fromCharCode(
    prefix.charCodeAt(prefix.length - 1) + 1,
  )}`;
}

/** The view a list reads: now, or the resourceVersion of its token or of `Exact`. */
function viewFor(
  table: ResourceTable,
  storeRv: number,
  options: ListOptions,
  token: ContinueToken | undefined,
): TableView {
  if (token) {
    const view = table.viewAt(token.rv);
    if (!view) throw expired(CONTINUE_EXPIRED_MESSAGE);
    return view;
  }
  if (options.resourceVersionMatch === 'Exact' && options.resourceVersion) {
    const view = table.viewAt(Number(options.resourceVersion));
    if (!view)
      throw expired(
        `too old resource version: ${options.resourceVersion} (${table.floor})`,
      );
    return view;
  }
  return table.currentView(storeRv);
}

/**
 * Lists a resource in key order, with selectors and consistent pages: every
 * page of one list shows the state at the first page's resourceVersion, and a
 * token older than the history gives 410 Expired. A page costs its own items
 * (plus a binary search to find where it starts, and skipping any objects
 * created since in its key range), however long the history: past states
 * are read key by key, and a list without selectors carries its remaining
 * count in its token instead of counting again.
 */
export function listObjects(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  options: ListOptions,
): ListResult {
  const filter = makeFilter(
    type,
    type.namespaced ? namespace : undefined,
    options.labelSelector,
    options.fieldSelector,
  );
  const table = store.table(type.storageKey);
  const token = options.continue ? decodeContinue(options.continue) : undefined;
  const view = viewFor(table, store.resourceVersion, options, token);
  const prefix = filter.namespace !== undefined ? `${filter.namespace}/` : '';
  const start = token?.start ?? '';
  const next = view.keysFrom(start > prefix ? start : prefix);
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const unfiltered = filter.labels.length === 0 && filter.fields.length === 0;
  const items: StoredObject[] = [];
  for (let key = next(); key !== undefined; key = next()) {
    if (prefix && !key.startsWith(prefix)) break;
    const stored = view.get(key);
    if (!stored || (!unfiltered && !matchesFilter(filter, stored.object)))
      continue;
    if (items.length >= limit) {
      const last = items[items.length - 1].key;
      const remaining = unfiltered
        ? remainingFrom(key, { table, view, next, prefix, token }, items.length)
        : undefined;
      return {
        items,
        resourceVersion: view.rv,
        continue: encodeContinue(view.rv, last, remaining),
        remainingItemCount: remaining,
      };
    }
    items.push(stored);
  }
  return { items, resourceVersion: view.rv };
}

interface PageCursor {
  table: ResourceTable;
  view: TableView;
  next: () => string | undefined;
  prefix: string;
  token: ContinueToken | undefined;
}

/**
 * Objects from `key` (the first one left out) to the end of a list without
 * selectors: the token's count less this page, a count of the sorted keys
 * for the current state, or (the first page of an `Exact` list) a count.
 */
function remainingFrom(
  key: string,
  { table, view, next, prefix, token }: PageCursor,
  taken: number,
): number {
  if (token?.remaining !== undefined)
    return Math.max(0, token.remaining - taken);
  if (view.current) return table.countFrom(key, prefixEnd(prefix));
  let count = 1;
  for (let rest = next(); rest !== undefined; rest = next()) {
    if (prefix && !rest.startsWith(prefix)) break;
    if (view.get(rest)) count++;
  }
  return count;
}
