import { createHash } from 'node:crypto';
import { JsonObject } from '../util/json';
import { TypeRegistry } from '../store/TypeRegistry';
import { ResourceType } from '../store/ResourceType';

/** The Kubernetes version the emulator reports. */
export const EMULATED_VERSION = { major: '1', minor: '31', patch: '0' };

/** `GET /version`. */
export function versionInfo(): JsonObject {
  return {
    major: EMULATED_VERSION.major,
    minor: EMULATED_VERSION.minor,
    gitVersion: `v${EMULATED_VERSION.major}.${EMULATED_VERSION.minor}.${EMULATED_VERSION.patch}+fractal-emulator`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.22.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `GET /api`. */
export function coreVersions(serverAddress: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(registry: TypeRegistry, group: string): JsonObject {
  const versions = registry.versionsOf(group).map(version => ({
    groupVersion: `${group}/${version}`,
    version,
  }));
  return {
    name: group,
    versions,
    preferredVersion: versions[0] ?? { groupVersion: '', version: '' },
  };
}

/** `GET /apis`. */
export function groupList(registry: TypeRegistry): JsonObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .filter(g => g !== '')
      .map(g => groupDocument(registry, g)),
  };
}

/** `GET /apis/{group}`. */
export function apiGroup(
  registry: TypeRegistry,
  name: string,
): JsonObject | undefined {
  if (!registry.groups().includes(name) || name === '') return undefined;
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    ...groupDocument(registry, name),
  };
}

function storageVersionHash(type: ResourceType): string {
  return createHash('sha256')
    .update(`${type.group}/${type.version}/${type.kind}`)
    .digest('base64')
    .slice(0, 11);
}

/** `GET /api/v1` or `GET /apis/{group}/{version}`. */
export function resourceList(
  registry: TypeRegistry,
  group: string,
  version: string,
): JsonObject {
  const resources: JsonObject[] = [];
  for (const type of registry.resources(group, version)) {
    const resource: JsonObject = {
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.verbs,
    };
    if (type.shortNames.length > 0) resource.shortNames = type.shortNames;
    if (type.categories.length > 0) resource.categories = type.categories;
    resource.storageVersionHash = storageVersionHash(type);
    resources.push(resource);
    if (type.statusSubresource) {
      resources.push({
        name: `${type.plural}/status`,
        singularName: '',
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}
