import { JsonObject } from '../util/json';
import { JSONSchemaProps } from '../schema/JSONSchemaProps';
import {
  CLAIM_SPEC_FIELDS,
  COMPOSITE_SPEC_FIELDS,
  CONDITIONS_SCHEMA,
} from './claimSchemas';
import {
  DEMO_KINDS,
  DEMO_VERSION,
  MANAGED_GROUP,
  ManagedTemplate,
  PLATFORM_GROUP,
  PlatformKindDefinition,
} from './platformKinds';

/** Label marking a CRD as a self-service platform kind. */
export const SELF_SERVICE_LABEL = 'fractal.dev/self-service';
/** Annotation with a CRD's human title. */
export const TITLE_ANNOTATION = 'fractal.dev/title';

const PRINTER_COLUMNS = [
  {
    name: 'SYNCED',
    type: 'string',
    jsonPath: ".status.conditions[?(@.type=='Synced')].status",
  },
  {
    name: 'READY',
    type: 'string',
    jsonPath: ".status.conditions[?(@.type=='Ready')].status",
  },
  { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

function crd(options: {
  group: string;
  kind: string;
  plural: string;
  singular: string;
  scope: 'Namespaced' | 'Cluster';
  shortNames?: string[];
  categories: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  schema: JSONSchemaProps;
  extraColumns?: JsonObject[];
}): JsonObject {
  const metadata: JsonObject = { name: `${options.plural}.${options.group}` };
  if (options.labels) metadata.labels = options.labels;
  if (options.annotations) metadata.annotations = options.annotations;
  const names: JsonObject = {
    kind: options.kind,
    listKind: `${options.kind}List`,
    plural: options.plural,
    singular: options.singular,
    categories: options.categories,
  };
  if (options.shortNames) names.shortNames = options.shortNames;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata,
    spec: {
      group: options.group,
      names,
      scope: options.scope,
      versions: [
        {
          name: DEMO_VERSION,
          served: true,
          storage: true,
          additionalPrinterColumns: [
            ...(options.extraColumns ?? []),
            ...PRINTER_COLUMNS,
          ],
          schema: { openAPIV3Schema: options.schema as unknown as JsonObject },
          subresources: { status: {} },
        },
      ],
    },
  };
}

function statusSchema(extra: Record<string, JSONSchemaProps>): JSONSchemaProps {
  return {
    type: 'object',
    description: 'Observed state, written by the platform.',
    properties: {
      conditions: CONDITIONS_SCHEMA,
      connectionDetails: {
        type: 'object',
        properties: {
          lastPublishedTime: { type: 'string', format: 'date-time' },
        },
      },
      ...extra,
    },
  };
}

/** The namespaced claim CRD of a platform kind (the self-service API). */
export function claimCrd(def: PlatformKindDefinition): JsonObject {
  return crd({
    group: PLATFORM_GROUP,
    kind: def.kind,
    plural: def.plural,
    singular: def.singular,
    scope: 'Namespaced',
    shortNames: def.shortNames,
    categories: ['claim', 'fractal'],
    labels: { [SELF_SERVICE_LABEL]: 'true' },
    annotations: { [TITLE_ANNOTATION]: def.title },
    schema: {
      type: 'object',
      description: def.description,
      required: ['spec'],
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          required: def.parametersRequired ? ['parameters'] : [],
          properties: { ...CLAIM_SPEC_FIELDS, parameters: def.parameters },
        },
        status: statusSchema(def.statusProperties),
      },
    },
    extraColumns: [
      {
        name: 'CONNECTION-SECRET',
        type: 'string',
        jsonPath: '.spec.writeConnectionSecretToRef.name',
      },
    ],
  });
}

/** The cluster-scoped composite CRD (`X<Kind>`) of a platform kind. */
export function compositeCrd(def: PlatformKindDefinition): JsonObject {
  return crd({
    group: PLATFORM_GROUP,
    kind: `X${def.kind}`,
    plural: `x${def.plural}`,
    singular: `x${def.singular}`,
    scope: 'Cluster',
    categories: ['composite', 'fractal'],
    schema: {
      type: 'object',
      description: `Composite resource behind ${def.kind} claims.`,
      required: ['spec'],
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          properties: { ...COMPOSITE_SPEC_FIELDS, parameters: def.parameters },
        },
        status: statusSchema(def.statusProperties),
      },
    },
    extraColumns: [
      {
        name: 'COMPOSITION',
        type: 'string',
        jsonPath: '.spec.compositionRef.name',
      },
    ],
  });
}

/** The cluster-scoped CRD of a managed resource kind. */
export function managedCrd(template: ManagedTemplate): JsonObject {
  return crd({
    group: MANAGED_GROUP,
    kind: template.kind,
    plural: template.plural,
    singular: template.kind.toLowerCase(),
    scope: 'Cluster',
    categories: ['managed', 'fractal'],
    schema: {
      type: 'object',
      description: template.description,
      required: ['spec'],
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          required: ['forProvider'],
          properties: {
            forProvider: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
              description: 'Desired state in the provider.',
            },
            providerConfigRef: {
              type: 'object',
              properties: { name: { type: 'string' } },
              default: { name: 'default' },
            },
            deletionPolicy: {
              type: 'string',
              enum: ['Delete', 'Orphan'],
              default: 'Delete',
            },
          },
        },
        status: {
          type: 'object',
          properties: {
            conditions: CONDITIONS_SCHEMA,
            atProvider: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
            },
          },
        },
      },
    },
  });
}

/** Every CRD of the demo platform: claims, composites and managed resources. */
export function demoPlatformCrds(
  kinds: PlatformKindDefinition[] = DEMO_KINDS,
): JsonObject[] {
  const managed = new Map<string, ManagedTemplate>();
  for (const def of kinds) for (const m of def.managed) managed.set(m.kind, m);
  return [
    ...kinds.map(claimCrd),
    ...kinds.map(compositeCrd),
    ...[...managed.values()].map(managedCrd),
  ];
}
