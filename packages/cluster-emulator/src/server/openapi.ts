import { createHash } from 'node:crypto';
import { JsonObject } from '../util/json';
import { ResourceType } from '../store/ResourceType';
import { TypeRegistry } from '../store/TypeRegistry';
import { EMULATED_VERSION } from './discovery';

function pathKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** `dev.fractal.platform.v1alpha1.PostgreSQLInstance`, the way OpenAPI names definitions. */
function definitionName(type: ResourceType): string {
  const group = type.group
    ? type.group.split('.').reverse().join('.')
    : 'io.k8s.api.core';
  return `${group}.${type.version}.${type.kind}`;
}

function gvk(type: ResourceType): JsonObject[] {
  return [{ group: type.group, version: type.version, kind: type.kind }];
}

const param = (name: string, description: string): JsonObject => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', uniqueItems: true },
});

const WRITE_PARAMS = [
  param(
    'dryRun',
    'When present, indicates that modifications should not be persisted.',
  ),
  param(
    'fieldManager',
    'A name associated with the actor or entity that is making these changes.',
  ),
  param(
    'fieldValidation',
    'How the server handles unknown or duplicate fields: Ignore, Warn or Strict.',
  ),
];

function documentHash(
  registry: TypeRegistry,
  group: string,
  version: string,
): string {
  const text = registry
    .resources(group, version)
    .map(t => `${t.plural}:${JSON.stringify(t.schema)}`)
    .join('|');
  return createHash('sha512')
    .update(text)
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
}

/** `GET /openapi/v3`: the group-versions with a document each. */
export function openApiRoot(registry: TypeRegistry): JsonObject {
  const paths: JsonObject = {};
  for (const group of ['', ...registry.groups().filter(g => g !== '')]) {
    for (const version of group ? registry.versionsOf(group) : ['v1']) {
      const key = pathKey(group, version);
      paths[key] = {
        serverRelativeURL: `/openapi/v3/${key}?hash=${documentHash(
          registry,
          group,
          version,
        )}`,
      };
    }
  }
  return { paths };
}

/**
 * `GET /openapi/v3/apis/{group}/{version}`: paths (with the query
 * parameters kubectl checks for server-side validation) and schemas tagged
 * with their group-version-kind (what `kubectl explain` reads).
 */
export function openApiGroupVersion(
  registry: TypeRegistry,
  group: string,
  version: string,
): JsonObject | undefined {
  if (!registry.hasGroupVersion(group, version)) return undefined;
  const paths: JsonObject = {};
  const schemas: JsonObject = {};
  for (const type of registry.resources(group, version)) {
    const ref = { $ref: `#/components/schemas/${definitionName(type)}` };
    const body = { content: { 'application/json': { schema: ref } } };
    const ok = {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: ref } },
      },
    };
    const extension = { 'x-kubernetes-group-version-kind': gvk(type)[0] };
    const base = `/${pathKey(group, version)}${
      type.namespaced ? '/namespaces/{namespace}' : ''
    }/${type.plural}`;
    paths[base] = {
      get: {
        operationId: `list${type.kind}`,
        responses: ok,
        'x-kubernetes-action': 'list',
        ...extension,
      },
      post: {
        operationId: `create${type.kind}`,
        parameters: WRITE_PARAMS,
        requestBody: body,
        responses: ok,
        'x-kubernetes-action': 'post',
        ...extension,
      },
    };
    paths[`${base}/{name}`] = {
      get: {
        operationId: `read${type.kind}`,
        responses: ok,
        'x-kubernetes-action': 'get',
        ...extension,
      },
      put: {
        operationId: `replace${type.kind}`,
        parameters: WRITE_PARAMS,
        requestBody: body,
        responses: ok,
        'x-kubernetes-action': 'put',
        ...extension,
      },
      patch: {
        operationId: `patch${type.kind}`,
        parameters: [...WRITE_PARAMS, param('force', 'Force apply requests.')],
        requestBody: {
          content: {
            'application/merge-patch+json': { schema: { type: 'object' } },
          },
        },
        responses: ok,
        'x-kubernetes-action': 'patch',
        ...extension,
      },
      delete: {
        operationId: `delete${type.kind}`,
        responses: ok,
        'x-kubernetes-action': 'delete',
        ...extension,
      },
    };
    schemas[definitionName(type)] = {
      ...(type.schema as unknown as JsonObject),
      'x-kubernetes-group-version-kind': gvk(type),
    };
  }
  return {
    openapi: '3.0.0',
    info: {
      title: 'Kubernetes',
      version: `v${EMULATED_VERSION.major}.${EMULATED_VERSION.minor}.${EMULATED_VERSION.patch}`,
    },
    paths,
    components: { schemas },
  };
}

/** `GET /openapi/v2` as JSON (no definitions: clients fall back to the server's validation). */
export function openApiV2(): JsonObject {
  return {
    swagger: '2.0',
    info: {
      title: 'Kubernetes',
      version: `v${EMULATED_VERSION.major}.${EMULATED_VERSION.minor}.${EMULATED_VERSION.patch}`,
    },
    paths: {},
    definitions: {},
  };
}
