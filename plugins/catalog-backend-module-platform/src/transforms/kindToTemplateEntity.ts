import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import type { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import {
  ENTITY_ANNOTATION_KIND,
  type JsonObject,
  type JsonValue,
  type PlatformKind,
} from '@fractal/backstage-plugin-platform-common';
import {
  ENTITY_ANNOTATION_API_VERSION,
  ENTITY_ANNOTATION_GENERATED,
  platformLocation,
} from '../entityKeys';
import { kindToType, toEntityName } from './entityName';
import { kindTitle } from './kindToApiEntity';

/** Options of {@link kindToTemplateEntity}. */
export interface KindToTemplateEntityOptions {
  /** Owner of the generated template, a full entity ref. */
  owner: string;
}

/** A DNS-1123 label, as Kubernetes wants for most names. */
const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON schema the scaffolder form understands, from a piece of a CRD's
 * openAPIV3Schema: Kubernetes' own keywords (`x-kubernetes-*`, `nullable`)
 * dropped, and fields with a default no longer required, since the form (or
 * the platform's defaults) fills them.
 */
export function toFormSchema(schema: JsonValue): JsonValue {
  if (Array.isArray(schema)) {
    return schema.map(toFormSchema);
  }
  if (!isObject(schema)) {
    return schema;
  }
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-') || key === 'nullable') {
      continue;
    }
    result[key] = toFormSchema(value);
  }
  const properties = isObject(result.properties) ? result.properties : undefined;
  if (properties && Array.isArray(result.required)) {
    const required = result.required.filter(
      name =>
        typeof name === 'string' &&
        !(isObject(properties[name]) && 'default' in properties[name]),
    );
    if (required.length) {
      result.required = required;
    } else {
      delete result.required;
    }
  }
  return result;
}

/** The `spec.parameters` schema of a kind, which the compile action fills from the form. */
function parametersSchema(kind: PlatformKind): JsonObject | undefined {
  const spec = kind.schema?.properties;
  const specSchema = isObject(spec) ? spec.spec : undefined;
  const specProperties = isObject(specSchema) ? specSchema.properties : undefined;
  const parameters = isObject(specProperties) ? specProperties.parameters : undefined;
  if (!isObject(parameters)) {
    return undefined;
  }
  const form = toFormSchema(parameters);
  return isObject(form) ? form : undefined;
}

/** The name of a kind's generated template: `platform-<type>`, e.g. `platform-postgresql-instance`. */
export function kindTemplateName(kind: Pick<PlatformKind, 'kind'>): string {
  return toEntityName(['platform', kindToType(kind.kind)]);
}

/**
 * A scaffolder `Template` that requests one instance of a platform kind: the
 * owning team, a name, the cluster and the kind's own parameters (its schema's
 * `spec.parameters`), then compile, apply and wait. The module provides it
 * for kinds no hand-written template covers.
 */
export function kindToTemplateEntity(
  kind: PlatformKind,
  options: KindToTemplateEntityOptions,
): TemplateEntityV1beta3 {
  const title = kindTitle(kind);
  const apiVersion = `${kind.group}/${kind.version}`;
  const location = platformLocation(`templates/${kind.group}/${kind.kind}`);
  const parameters = parametersSchema(kind);

  const placement: JsonObject = {
    title: 'Owner and placement',
    required: ['tenant', 'name'],
    properties: {
      tenant: {
        title: 'Team',
        description: 'The team that owns the new resource',
        type: 'string',
        'ui:field': 'PlatformTenantPicker',
      },
      name: {
        title: 'Name',
        description: 'Lowercase letters, digits and dashes',
        type: 'string',
        pattern: DNS_LABEL,
        maxLength: 63,
      },
      ...(kind.clusters.length
        ? {
            cluster: {
              title: 'Cluster',
              type: 'string',
              enum: kind.clusters,
              default: kind.clusters[0],
            },
          }
        : {}),
      component: {
        title: 'Component',
        description: 'The component this resource serves (optional)',
        type: 'string',
        'ui:field': 'EntityPicker',
        'ui:options': { catalogFilter: [{ kind: 'Component' }] },
      },
    },
  };
  const settings: JsonObject = {
    title: `${title} settings`,
    properties: {
      parameters: {
        title,
        ...(parameters ?? { type: 'object', properties: {} }),
      },
    },
  };
  const review: JsonObject = {
    title: 'Review',
    properties: {
      preview: {
        title: 'The resource that will be applied',
        type: 'string',
        'ui:field': 'PlatformManifestPreview',
        'ui:options': { kind: kind.kind },
      },
    },
  };

  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name: kindTemplateName(kind),
      title: `New ${title}`,
      description: `Request a ${title} for your team: a few fields, and the platform's defaults fill in the rest. Generated from the ${kind.kind} (${apiVersion}) schema.`,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [ENTITY_ANNOTATION_KIND]: kind.kind,
        [ENTITY_ANNOTATION_API_VERSION]: apiVersion,
        [ENTITY_ANNOTATION_GENERATED]: 'true',
      },
      tags: ['platform', kindToType(kind.kind)],
    },
    spec: {
      type: 'platform-resource',
      owner: options.owner,
      parameters: [placement, settings, review],
      steps: [
        {
          id: 'compile',
          name: `Compile the ${title}`,
          action: 'platform:resource:compile',
          input: {
            kind: kind.kind,
            apiVersion,
            tenant: '${{ parameters.tenant }}',
            name: '${{ parameters.name }}',
            cluster: '${{ parameters.cluster }}',
            parameters: '${{ parameters.parameters }}',
            component: '${{ parameters.component }}',
          },
        },
        {
          id: 'apply',
          name: 'Apply it',
          action: 'platform:resource:apply',
          input: {
            manifest: '${{ steps.compile.output.manifest }}',
            cluster: '${{ steps.compile.output.cluster }}',
          },
        },
        {
          id: 'wait',
          name: 'Wait until it is Ready',
          action: 'platform:resource:wait',
          input: {
            cluster: '${{ steps.apply.output.cluster }}',
            tenant: '${{ parameters.tenant }}',
            apiVersion: '${{ steps.apply.output.apiVersion }}',
            kind: '${{ steps.apply.output.kind }}',
            namespace: '${{ steps.apply.output.namespace }}',
            name: '${{ steps.apply.output.name }}',
          },
        },
      ],
    },
  };
}
