import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_CRD_SELECTOR,
  DEFAULT_TENANT_MAPPING,
  validateNamespacePattern,
  type TenantMapping,
} from '@fractal/backstage-plugin-platform-common';

/** The settings the actions read from config, once at startup. */
export interface ActionsConfig {
  tenants: TenantMapping & {
    /** `spec.type` of tenant Groups. */
    groupType: string;
  };
  kinds: {
    crdSelector: string;
    include: Array<{ group: string; plural: string; kind: string }>;
  };
}

/** Default `spec.type` of tenant Groups. */
export const DEFAULT_GROUP_TYPE = 'team';

/**
 * Reads `platform.tenants` and `platform.kinds` (declared in
 * platform-node's config.d.ts). Throws an `InputError` naming the key, so
 * the backend refuses to start with a broken mapping.
 */
export function readActionsConfig(config: Config): ActionsConfig {
  const tenants = config.getOptionalConfig('platform.tenants');
  const namespacePattern =
    tenants?.getOptionalString('namespacePattern') ??
    DEFAULT_TENANT_MAPPING.namespacePattern;
  const problems = validateNamespacePattern(namespacePattern);
  if (problems.length > 0) {
    throw new InputError(
      `platform.tenants.namespacePattern '${namespacePattern}' ${problems.join(
        ' and ',
      )}`,
    );
  }
  const namespaceLabel =
    tenants?.getOptionalString('namespaceLabel') ??
    DEFAULT_TENANT_MAPPING.namespaceLabel;
  if (!namespaceLabel) {
    throw new InputError('platform.tenants.namespaceLabel must not be empty');
  }
  const kinds = config.getOptionalConfig('platform.kinds');
  return {
    tenants: {
      groupType: tenants?.getOptionalString('groupType') ?? DEFAULT_GROUP_TYPE,
      namespaceLabel,
      namespacePattern,
    },
    kinds: {
      crdSelector:
        kinds?.getOptionalString('crdSelector') ?? DEFAULT_CRD_SELECTOR,
      include: (kinds?.getOptionalConfigArray('include') ?? []).map(entry => ({
        group: entry.getString('group'),
        plural: entry.getString('plural'),
        kind: entry.getString('kind'),
      })),
    },
  };
}
