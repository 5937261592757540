import { labelsOf, KubeObject, metaString } from '../util/objects';
import { badRequest, expired } from '../api/StatusError';
import {
  FieldRequirement,
  LabelSelector,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../api/selectors';
import { ObjectStore } from '../store/ObjectStore';
import { StoredObject } from '../store/ResourceTable';
import { ResourceType } from '../store/ResourceType';

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

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

function encodeContinue(rv: number, lastKey: string): string {
  const token: ContinueToken = {
    v: 'meta.k8s.io/v1',
    rv,
    start: `${lastKey}\u0000`,
  };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(value: string): ContinueToken {
  try {
    const token = JSON.parse(
      Buffer.from(value, 'base64url').toString('utf8'),
    ) as ContinueToken;
    if (
      token.v !== 'meta.k8s.io/v1' ||
      typeof token.rv !== 'number' ||
      typeof token.start !== 'string'
    ) {
      throw new Error('bad token');
    }
    return token;
  } catch {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

/** First index in sorted `keys` whose key is >= `from`. */
function lowerBound(keys: string[], from: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/**
 * Lists a resource in key order, with selectors and consistent pages: every
 * page of one list shows the state at the first page's resourceVersion, and a
 * token older than the history gives 410 Expired.
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
  let rv = store.resourceVersion;
  let start = '';
  let overrides: Map<string, StoredObject | null> | undefined;
  if (options.continue) {
    const token = decodeContinue(options.continue);
    rv = token.rv;
    start = token.start;
    overrides = table.overridesAt(rv);
    if (!overrides) {
      throw expired(CONTINUE_EXPIRED_MESSAGE);
    }
  } else if (
    options.resourceVersionMatch === 'Exact' &&
    options.resourceVersion
  ) {
    rv = Number(options.resourceVersion);
    overrides = table.overridesAt(rv);
    if (!overrides) {
      throw expired(
        `too old resource version: ${options.resourceVersion} (${table.floor})`,
      );
    }
  }
  let keys = table.sortedKeys();
  if (overrides && overrides.size > 0) {
    const extra = [...overrides.keys()].filter(k => !table.objects.has(k));
    if (extra.length > 0) keys = [...keys, ...extra].sort();
  }
  const prefix = filter.namespace !== undefined ? `${filter.namespace}/` : '';
  let index = lowerBound(keys, start > prefix ? start : prefix);
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const items: StoredObject[] = [];
  const stateOf = (key: string): StoredObject | undefined => {
    if (overrides?.has(key)) return overrides.get(key) ?? undefined;
    return table.get(key);
  };
  const unfiltered = filter.labels.length === 0 && filter.fields.length === 0;
  for (; index < keys.length; index++) {
    const key = keys[index];
    if (prefix && !key.startsWith(prefix)) break;
    const stored = stateOf(key);
    if (!stored || (!unfiltered && !matchesFilter(filter, stored.object)))
      continue;
    if (items.length >= limit) {
      const last = items[items.length - 1].key;
      let remaining: number | undefined;
      if (unfiltered) {
        remaining = 0;
        for (let j = index; j < keys.length; j++) {
          if (prefix && !keys[j].startsWith(prefix)) break;
          if (stateOf(keys[j])) remaining++;
        }
      }
      return {
        items,
        resourceVersion: rv,
        continue: encodeContinue(rv, last),
        remainingItemCount: remaining,
      };
    }
    items.push(stored);
  }
  return { items, resourceVersion: rv };
}
