import { parseEntityRef } from '@backstage/catalog-model';
import type {
  JsonObject,
  JsonValue,
} from '@fractal/backstage-plugin-platform-common';
import type { CompileRequest } from '../../apis';

/** Where the preview reads its inputs in the form. */
export interface PreviewInputOptions {
  kind?: string;
  fields?: {
    kind?: string;
    tenant?: string;
    name?: string;
    environment?: string;
    cluster?: string;
    parameters?: string;
  };
  parameterFields?: string[];
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed || undefined;
  }
  return undefined;
}

/** A tenant given as a Group entity ref becomes the Group's name. */
function tenantName(value: string): string {
  if (!value.includes(':') && !value.includes('/')) {
    return value;
  }
  try {
    return parseEntityRef(value, { defaultKind: 'group' }).name;
  } catch {
    // Not an entity ref: the compile names the problem.
    return value;
  }
}

/**
 * Builds the `POST /compile` body from the scaffolder form's data, or lists
 * the inputs still missing (as the user-facing names of the fields).
 */
export function compileRequestFromForm(
  formData: JsonObject | undefined,
  options: PreviewInputOptions = {},
): { request?: CompileRequest; missing: string[] } {
  const data = formData ?? {};
  const field = {
    kind: 'kind',
    tenant: 'tenant',
    name: 'name',
    environment: 'environment',
    cluster: 'cluster',
    parameters: 'parameters',
    ...options.fields,
  };
  const kind = options.kind ?? text(data[field.kind]);
  const tenant = text(data[field.tenant]);
  const name = text(data[field.name]);
  const missing = [
    ...(kind ? [] : ['kind']),
    ...(tenant ? [] : ['team']),
    ...(name ? [] : ['name']),
  ];
  if (!kind || !tenant || !name) {
    return { missing };
  }
  let parameters: JsonObject = {};
  if (options.parameterFields) {
    for (const key of options.parameterFields) {
      const value = data[key];
      if (value !== undefined && value !== '') {
        parameters[key] = value;
      }
    }
  } else {
    const object = data[field.parameters];
    parameters = isObject(object) ? object : {};
  }
  const request: CompileRequest = {
    kind,
    tenant: tenantName(tenant),
    name,
    parameters,
  };
  const environment = text(data[field.environment]);
  const cluster = text(data[field.cluster]);
  if (environment) {
    request.environment = environment;
  }
  if (cluster) {
    request.cluster = cluster;
  }
  return { request, missing: [] };
}
