import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { CRD_TYPE, NAMESPACE_TYPE } from '../store/builtinTypes';
import { metaString } from '../util/objects';
import { demoPlatformCrds } from './platformCrds';
import { PlatformKindDefinition } from './platformKinds';

/** Namespaces every cluster has before anything is installed. */
export const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/** Creates the system namespaces (idempotent). */
export function installSystemNamespaces(
  cluster: EmulatedCluster,
  at: number,
): void {
  for (const name of SYSTEM_NAMESPACES) {
    if (!cluster.service.find(NAMESPACE_TYPE, undefined, name)) {
      cluster.service.create(
        NAMESPACE_TYPE,
        undefined,
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
        { fieldManager: 'kube-apiserver', now: at },
      );
    }
  }
}

/**
 * Installs the demo platform (idempotent): the CRDs of claims, composites
 * and managed resources, and one namespace per tenant labelled with it.
 */
export function installPlatform(
  cluster: EmulatedCluster,
  kinds: PlatformKindDefinition[],
  tenants: string[],
  tenantLabel: string,
  at: number,
): void {
  for (const crd of demoPlatformCrds(kinds)) {
    const name = metaString(crd, 'name') ?? '';
    if (!cluster.service.find(CRD_TYPE, undefined, name)) {
      cluster.service.create(CRD_TYPE, undefined, crd, {
        fieldManager: 'crossplane',
        now: at,
      });
    }
  }
  for (const tenant of tenants) {
    const name = `tenant-${tenant}`;
    if (!cluster.service.find(NAMESPACE_TYPE, undefined, name)) {
      cluster.service.create(
        NAMESPACE_TYPE,
        undefined,
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name, labels: { [tenantLabel]: tenant } },
        },
        { fieldManager: 'platform-bootstrap', now: at },
      );
    }
  }
}
