import { JSONSchemaProps } from '../schema/JSONSchemaProps';
import { KubeObject } from '../util/objects';

/** A column `kubectl get` shows, from a CRD's `additionalPrinterColumns`. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

/** One served resource: a group, version and plural name. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Whether `/status` is a subresource (the main endpoint then ignores status). */
  statusSubresource: boolean;
  /** Whether `metadata.generation` is maintained. */
  hasGeneration: boolean;
  /** Schema used for pruning, defaulting and server-side apply, wrapped with metadata. */
  schema: JSONSchemaProps;
  /** Whether writes are validated against `schema`. */
  validate: boolean;
  /** Storage shared by every version of the resource: `group/plural`. */
  storageKey: string;
  /** Whether the type is built in (as opposed to defined by a CRD). */
  builtin: boolean;
  /** Field selector labels supported beyond metadata.name and metadata.namespace. */
  fieldLabels: string[];
  /** The value of a field selector label for an object. */
  fieldValue?: (obj: KubeObject, field: string) => string;
  printerColumns: PrinterColumn[];
}

/** `group/version`, or `v1` for the core group. */
export function groupVersionOf(
  type: Pick<ResourceType, 'group' | 'version'>,
): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The verbs of a resource that supports everything. */
export const ALL_VERBS = [
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'create',
  'update',
  'watch',
];

/** The storage key of an object's resource. */
export function storageKeyOf(group: string, plural: string): string {
  return `${group}/${plural}`;
}
