import { isJsonObject, JsonObject, JsonValue } from '../util/json';
import { KubeObject, kubeTime, metaString } from '../util/objects';
import { FieldError } from '../api/StatusError';
import { JSONSchemaProps } from '../schema/JSONSchemaProps';
import { withObjectMeta } from '../schema/objectMetaSchema';
import {
  ALL_VERBS,
  PrinterColumn,
  ResourceType,
  storageKeyOf,
} from '../store/ResourceType';

function strings(value: JsonValue | undefined): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

function objectAt(
  obj: JsonObject | undefined,
  key: string,
): JsonObject | undefined {
  const value = obj?.[key];
  return isJsonObject(value) ? value : undefined;
}

function versionsOf(spec: JsonObject | undefined): JsonObject[] {
  const versions = spec?.versions;
  return Array.isArray(versions) ? versions.filter(isJsonObject) : [];
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Checks what the API server requires of a CRD before it serves it. */
export function validateCrd(crd: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const spec = objectAt(crd, 'spec');
  const names = objectAt(spec, 'names');
  const group = spec?.group;
  const plural = names?.plural;
  const required = (field: string) =>
    errors.push({
      reason: 'FieldValueRequired',
      field,
      message: 'Required value',
    });
  if (typeof group !== 'string' || !group) required('spec.group');
  else if (!DNS_SUBDOMAIN.test(group) || !group.includes('.')) {
    errors.push({
      reason: 'FieldValueInvalid',
      field: 'spec.group',
      message: `Invalid value: ${JSON.stringify(
        group,
      )}: should be a domain with at least one dot`,
    });
  }
  if (typeof plural !== 'string' || !plural) required('spec.names.plural');
  else if (!DNS_LABEL.test(plural)) {
    errors.push({
      reason: 'FieldValueInvalid',
      field: 'spec.names.plural',
      message: `Invalid value: ${JSON.stringify(
        plural,
      )}: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'`,
    });
  }
  if (typeof names?.kind !== 'string' || !names.kind)
    required('spec.names.kind');
  const scope = spec?.scope;
  if (scope !== 'Namespaced' && scope !== 'Cluster') {
    errors.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.scope',
      message: `Unsupported value: ${JSON.stringify(
        scope ?? '',
      )}: supported values: "Cluster", "Namespaced"`,
    });
  }
  const versions = versionsOf(spec);
  if (versions.length === 0) required('spec.versions');
  const storage = versions.filter(v => v.storage === true).length;
  if (versions.length > 0 && storage !== 1) {
    errors.push({
      reason: 'FieldValueInvalid',
      field: 'spec.versions',
      message: `Invalid value: ${JSON.stringify(
        versions.map(v => v.name),
      )}: must have exactly one version marked as storage version`,
    });
  }
  versions.forEach((v, i) => {
    if (!isJsonObject(objectAt(v, 'schema')?.openAPIV3Schema)) {
      required(`spec.versions[${i}].schema.openAPIV3Schema`);
    }
  });
  const name = metaString(crd, 'name');
  if (
    typeof group === 'string' &&
    typeof plural === 'string' &&
    name !== `${plural}.${group}`
  ) {
    errors.push({
      reason: 'FieldValueInvalid',
      field: 'metadata.name',
      message: `Invalid value: ${JSON.stringify(
        name ?? '',
      )}: must be spec.names.plural+"."+spec.group`,
    });
  }
  return errors;
}

function printerColumns(version: JsonObject): PrinterColumn[] {
  const columns = version.additionalPrinterColumns;
  if (!Array.isArray(columns)) {
    return [
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ];
  }
  return columns.filter(isJsonObject).map(c => ({
    name: String(c.name ?? ''),
    type: String(c.type ?? 'string'),
    jsonPath: String(c.jsonPath ?? ''),
    description: typeof c.description === 'string' ? c.description : undefined,
    priority: typeof c.priority === 'number' ? c.priority : undefined,
    format: typeof c.format === 'string' ? c.format : undefined,
  }));
}

/** The resource types a valid CRD serves: one per served version. */
export function typesFromCrd(crd: KubeObject): ResourceType[] {
  const spec = objectAt(crd, 'spec');
  const names = objectAt(spec, 'names') ?? {};
  const group = String(spec?.group ?? '');
  const plural = String(names.plural ?? '');
  const kind = String(names.kind ?? '');
  return versionsOf(spec)
    .filter(v => v.served !== false)
    .map(version => {
      const openAPI = objectAt(
        objectAt(version, 'schema'),
        'openAPIV3Schema',
      ) as JSONSchemaProps | undefined;
      return {
        group,
        version: String(version.name ?? ''),
        kind,
        listKind:
          typeof names.listKind === 'string' ? names.listKind : `${kind}List`,
        plural,
        singular:
          typeof names.singular === 'string'
            ? names.singular
            : kind.toLowerCase(),
        namespaced: spec?.scope !== 'Cluster',
        shortNames: strings(names.shortNames),
        categories: strings(names.categories),
        verbs: ALL_VERBS,
        statusSubresource: isJsonObject(
          objectAt(version, 'subresources')?.status,
        ),
        hasGeneration: true,
        schema: withObjectMeta(openAPI),
        validate: true,
        storageKey: storageKeyOf(group, plural),
        builtin: false,
        fieldLabels: [],
        printerColumns: printerColumns(version),
      };
    });
}

/** The status the API server gives an accepted CRD. */
export function establishedStatus(crd: KubeObject, nowMs: number): JsonObject {
  const spec = objectAt(crd, 'spec');
  const names = objectAt(spec, 'names') ?? {};
  const kind = String(names.kind ?? '');
  const accepted: JsonObject = {
    kind,
    listKind:
      typeof names.listKind === 'string' ? names.listKind : `${kind}List`,
    plural: String(names.plural ?? ''),
    singular:
      typeof names.singular === 'string' ? names.singular : kind.toLowerCase(),
  };
  if (Array.isArray(names.shortNames)) accepted.shortNames = names.shortNames;
  if (Array.isArray(names.categories)) accepted.categories = names.categories;
  const time = kubeTime(nowMs);
  const storage = versionsOf(spec).find(v => v.storage === true);
  return {
    acceptedNames: accepted,
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        reason: 'NoConflicts',
        message: 'no conflicts found',
        lastTransitionTime: time,
      },
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
        lastTransitionTime: time,
      },
    ],
    storedVersions: storage ? [String(storage.name)] : [],
  };
}
