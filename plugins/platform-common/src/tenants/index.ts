export {
  DEFAULT_NAMESPACE_PATTERN,
  DEFAULT_TENANT_MAPPING,
  type NamespaceInfo,
  type TenantMapping,
} from './TenantMapping';
export {
  namespaceNameMatcher,
  tenantNamespace,
  tenantOfNamespace,
  validateNamespacePattern,
} from './tenantNamespace';
export { selectTenantNamespace } from './selectTenantNamespace';
export {
  selectTargetCluster,
  type TargetClusterCandidate,
} from './selectTargetCluster';
export { parseTenantRef } from './parseTenantRef';
