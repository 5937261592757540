import { getPath, isJsonObject } from '../util/json';
import { KubeObject } from '../util/objects';
import { JSONSchemaProps } from '../schema/JSONSchemaProps';
import { withObjectMeta } from '../schema/objectMetaSchema';
import { ALL_VERBS, ResourceType, storageKeyOf } from './ResourceType';

/** Reads a dotted field path as a string, as field selectors compare them. */
export function dottedFieldValue(obj: KubeObject, field: string): string {
  const value = getPath(obj, field.split('.'));
  if (
    value === undefined ||
    value === null ||
    isJsonObject(value) ||
    Array.isArray(value)
  ) {
    return '';
  }
  return String(value);
}

const preserve: JSONSchemaProps = {
  type: 'object',
  'x-kubernetes-preserve-unknown-fields': true,
};

const namespaceSchema = withObjectMeta({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        finalizers: {
          type: 'array',
          items: { type: 'string' },
          'x-kubernetes-list-type': 'set',
        },
      },
    },
    status: {
      type: 'object',
      properties: {
        phase: { type: 'string' },
        conditions: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['type'],
          items: preserve,
        },
      },
    },
  },
});

/** core/v1 Namespace. */
export const NAMESPACE_TYPE: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  listKind: 'NamespaceList',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  categories: [],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  statusSubresource: true,
  hasGeneration: false,
  schema: namespaceSchema,
  validate: false,
  storageKey: storageKeyOf('', 'namespaces'),
  builtin: true,
  fieldLabels: ['status.phase'],
  fieldValue: dottedFieldValue,
  printerColumns: [
    { name: 'Status', type: 'string', jsonPath: '.status.phase' },
  ],
};

const eventSchema = withObjectMeta({
  type: 'object',
  'x-kubernetes-preserve-unknown-fields': true,
});

const EVENT_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
];

/** core/v1 Event. */
export const EVENT_TYPE: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Event',
  listKind: 'EventList',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  categories: [],
  verbs: ALL_VERBS,
  statusSubresource: false,
  hasGeneration: false,
  schema: eventSchema,
  validate: false,
  storageKey: storageKeyOf('', 'events'),
  builtin: true,
  fieldLabels: EVENT_FIELDS,
  fieldValue: (obj, field) =>
    field === 'source'
      ? dottedFieldValue(obj, 'source.component')
      : dottedFieldValue(obj, field),
  printerColumns: [
    { name: 'Type', type: 'string', jsonPath: '.type' },
    { name: 'Reason', type: 'string', jsonPath: '.reason' },
    { name: 'Object', type: 'string', jsonPath: '.involvedObject.name' },
    { name: 'Message', type: 'string', jsonPath: '.message' },
  ],
};

const crdSchema = withObjectMeta({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: {
        versions: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    },
    status: preserve,
  },
});

/** apiextensions.k8s.io/v1 CustomResourceDefinition. */
export const CRD_TYPE: ResourceType = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  listKind: 'CustomResourceDefinitionList',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  verbs: ALL_VERBS,
  statusSubresource: true,
  hasGeneration: true,
  schema: crdSchema,
  validate: false,
  storageKey: storageKeyOf('apiextensions.k8s.io', 'customresourcedefinitions'),
  builtin: true,
  fieldLabels: [],
  printerColumns: [
    {
      name: 'Created At',
      type: 'date',
      jsonPath: '.metadata.creationTimestamp',
    },
  ],
};

/** The types every emulated cluster serves before any CRD exists. */
export const BUILTIN_TYPES: ResourceType[] = [
  NAMESPACE_TYPE,
  EVENT_TYPE,
  CRD_TYPE,
];
