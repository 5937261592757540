import { TypeRegistry } from '../store/TypeRegistry';

/** What a request path addresses. */
export type Route =
  | { kind: 'health' }
  | { kind: 'version' }
  | { kind: 'coreVersions' }
  | { kind: 'groups' }
  | { kind: 'group'; group: string }
  | { kind: 'resourceList'; group: string; version: string }
  | { kind: 'openapi' }
  | { kind: 'admin'; path: string }
  | {
      kind: 'resource';
      group: string;
      version: string;
      plural: string;
      namespace?: string;
      name?: string;
      subresource?: string;
      /** The deprecated `/watch/` path prefix was used. */
      watchPath: boolean;
    }
  | { kind: 'notFound' };

/** Parses a request path against the served resources. */
export function parseRoute(pathname: string, registry: TypeRegistry): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (
    path === '/healthz' ||
    path === '/livez' ||
    path === '/readyz' ||
    path.startsWith('/healthz/') ||
    path.startsWith('/livez/') ||
    path.startsWith('/readyz/')
  ) {
    return { kind: 'health' };
  }
  if (path === '/version') return { kind: 'version' };
  if (path.startsWith('/__emulator'))
    return { kind: 'admin', path: path.slice('/__emulator'.length) || '/' };
  if (
    path === '/openapi/v2' ||
    path === '/openapi/v3' ||
    path.startsWith('/openapi/v3/')
  )
    return { kind: 'openapi' };
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api') {
    if (segments.length === 1) return { kind: 'coreVersions' };
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis') {
    if (segments.length === 1) return { kind: 'groups' };
    if (segments.length === 2) return { kind: 'group', group: segments[1] };
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else {
    return { kind: 'notFound' };
  }
  if (!registry.hasGroupVersion(group, version)) return { kind: 'notFound' };
  if (rest.length === 0) return { kind: 'resourceList', group, version };
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const type = registry.get(group, version, rest[2]);
    if (type?.namespaced) {
      if (rest.length > 5) return { kind: 'notFound' };
      return {
        kind: 'resource',
        group,
        version,
        plural: rest[2],
        namespace: rest[1],
        name: rest[3],
        subresource: rest[4],
        watchPath,
      };
    }
  }
  if (rest.length > 3) return { kind: 'notFound' };
  return {
    kind: 'resource',
    group,
    version,
    plural: rest[0],
    name: rest[1],
    subresource: rest[2],
    watchPath,
  };
}
