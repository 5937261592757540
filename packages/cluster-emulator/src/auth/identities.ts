/** What an identity may do. */
export type Role = 'admin' | 'reader' | 'provisioner' | 'tenant';

/** A bearer-token identity. */
export interface Identity {
  /** The user name (also the kubeconfig user). */
  name: string;
  token: string;
  role: Role;
  /** For `tenant`: the tenant (Group name) whose namespaces it may use. */
  tenant?: string;
}

/** One authorization question, as RBAC asks it. */
export interface AccessRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Whether the resource is served from a CRD (a custom resource). */
  custom: boolean;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);

/** Tells which tenant a namespace belongs to. */
export type NamespaceTenant = (namespace: string) => string | undefined;

/** Whether an identity may make a request. */
export function isAllowed(
  identity: Identity,
  req: AccessRequest,
  tenantOf: NamespaceTenant,
): boolean {
  switch (identity.role) {
    case 'admin':
      return true;
    case 'reader':
      return READ_VERBS.has(req.verb);
    case 'provisioner':
      if (READ_VERBS.has(req.verb)) return true;
      return (
        req.custom &&
        req.namespace !== undefined &&
        req.namespace.startsWith('tenant-')
      );
    case 'tenant': {
      if (!identity.tenant) return false;
      if (req.group === '' && req.resource === 'namespaces') {
        return (
          req.verb === 'get' &&
          req.name !== undefined &&
          tenantOf(req.name) === identity.tenant
        );
      }
      return (
        req.namespace !== undefined &&
        tenantOf(req.namespace) === identity.tenant
      );
    }
    default:
      return false;
  }
}

/** The demo identities: reader, provisioner, admin and one per tenant. Token of X is `X-token`. */
export function demoIdentities(tenants: readonly string[]): Identity[] {
  return [
    { name: 'admin', token: 'admin-token', role: 'admin' },
    { name: 'fractal-reader', token: 'fractal-reader-token', role: 'reader' },
    {
      name: 'fractal-provisioner',
      token: 'fractal-provisioner-token',
      role: 'provisioner',
    },
    ...tenants.map(tenant => ({
      name: `tenant-${tenant}`,
      token: `tenant-${tenant}-token`,
      role: 'tenant' as const,
      tenant,
    })),
  ];
}
