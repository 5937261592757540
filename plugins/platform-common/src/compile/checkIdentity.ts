import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { FieldError } from './CompileInputError';
import {
  validateDns1123Label,
  validateDns1123Subdomain,
  validateLabelValue,
} from './names';
import type { CompileManifestInput } from './types';
import { invalidStringReason } from './readJsonInput';
import { isJsonObject } from './provenance';

/** The checked identity of a manifest: names, refs and label values. */
export interface ManifestIdentity {
  owner: string;
  requestedBy: string;
  template?: string;
  component?: { ref: string; name: string };
}

const VERSION = /^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$/;
const KIND = /^[A-Z][A-Za-z0-9]{0,62}$/;

function text(
  value: unknown,
  field: string,
  errors: FieldError[],
): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    errors.push({ path: field, message: 'must be a non-empty string' });
    return undefined;
  }
  const reason = invalidStringReason(value);
  if (reason) {
    errors.push({ path: field, message: reason });
    return undefined;
  }
  return value;
}

function entityRef(
  value: unknown,
  field: string,
  defaultKind: string,
  errors: FieldError[],
): { ref: string; name: string } | undefined {
  const raw = text(value, field, errors);
  if (raw === undefined) return undefined;
  try {
    const parsed = parseEntityRef(raw, {
      defaultKind,
      defaultNamespace: 'default',
    });
    return { ref: stringifyEntityRef(parsed), name: parsed.name };
  } catch (error) {
    errors.push({
      path: field,
      message: `must be an entity ref: ${(error as Error).message}`,
    });
    return undefined;
  }
}

function report(field: string, problems: string[], errors: FieldError[]) {
  for (const message of problems) errors.push({ path: field, message });
}

/**
 * Checks the trusted inputs of compile (kind definition, name, tenant,
 * namespace, environment, cluster, entity refs). Problems are collected into
 * `errors`; the names are DNS-1123 labels because they travel into labels
 * (Crossplane copies a claim's name into the `crossplane.io/claim-name` label
 * of everything it composes, and label values are limited to 63 characters).
 */
export function checkIdentity(
  input: CompileManifestInput,
  errors: FieldError[],
): ManifestIdentity | undefined {
  const before = errors.length;
  const kind = input.kind;
  if (!kind || typeof kind !== 'object') {
    errors.push({ path: 'kind', message: 'must describe the platform kind' });
  } else {
    const group = text(kind.group, 'kind.group', errors);
    if (group) report('kind.group', validateDns1123Subdomain(group), errors);
    const version = text(kind.version, 'kind.version', errors);
    if (version && !VERSION.test(version)) {
      errors.push({
        path: 'kind.version',
        message: 'must be a Kubernetes API version such as v1alpha1',
      });
    }
    const kindName = text(kind.kind, 'kind.kind', errors);
    if (kindName && !KIND.test(kindName)) {
      errors.push({
        path: 'kind.kind',
        message: 'must be a Kubernetes kind such as PostgreSQLInstance',
      });
    }
    if (kind.scope !== 'Namespaced' && kind.scope !== 'Cluster') {
      errors.push({
        path: 'kind.scope',
        message: 'must be Namespaced or Cluster',
      });
    }
    if (!isJsonObject(kind.schema)) {
      errors.push({
        path: 'kind.schema',
        message: "must be the CRD version's openAPIV3Schema object",
      });
    }
  }
  const name = text(input.name, 'name', errors);
  if (name) report('name', validateDns1123Label(name), errors);
  const tenant = text(input.tenant, 'tenant', errors);
  if (tenant) report('tenant', validateLabelValue(tenant), errors);
  const environment = text(input.environment, 'environment', errors);
  if (environment)
    report('environment', validateLabelValue(environment), errors);
  text(input.cluster, 'cluster', errors);
  if (kind?.scope === 'Cluster') {
    if (input.namespace !== undefined) {
      errors.push({
        path: 'namespace',
        message: `must not be set: ${kind.kind} is cluster-scoped`,
      });
    }
  } else {
    const namespace = text(input.namespace, 'namespace', errors);
    if (namespace) report('namespace', validateDns1123Label(namespace), errors);
  }
  const owner = entityRef(input.owner, 'owner', 'group', errors);
  const requestedBy = entityRef(
    input.requestedBy,
    'requestedBy',
    'user',
    errors,
  );
  const template =
    input.template === undefined
      ? undefined
      : entityRef(input.template, 'template', 'template', errors);
  const component =
    input.component === undefined
      ? undefined
      : entityRef(input.component, 'component', 'component', errors);
  if (component)
    report('component', validateLabelValue(component.name), errors);
  if (errors.length > before || !owner || !requestedBy) return undefined;
  return {
    owner: owner.ref,
    requestedBy: requestedBy.ref,
    template: template?.ref,
    component,
  };
}
