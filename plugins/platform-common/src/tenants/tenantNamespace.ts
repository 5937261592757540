import { InputError } from '@backstage/errors';
import { validateDns1123Label } from '../compile/names';
import {
  DEFAULT_NAMESPACE_PATTERN,
  DEFAULT_TENANT_MAPPING,
  type NamespaceInfo,
  type TenantMapping,
} from './TenantMapping';

const PLACEHOLDER = /\{\{\s*name\s*\}\}/g;

/**
 * Checks a namespace pattern: exactly one `{{name}}` placeholder, and the
 * rest made of characters a namespace name may contain. Returns the problems;
 * empty means valid.
 * @public
 */
export function validateNamespacePattern(pattern: string): string[] {
  const placeholders = pattern.match(PLACEHOLDER)?.length ?? 0;
  const problems: string[] = [];
  if (placeholders !== 1) {
    problems.push(
      `must contain the placeholder {{name}} exactly once (found ${placeholders})`,
    );
  }
  if (!/^[-a-z0-9]*$/.test(pattern.replace(PLACEHOLDER, ''))) {
    problems.push(
      "must consist of lowercase letters, digits and '-' around {{name}}",
    );
  }
  return problems;
}

/**
 * The namespace name the pattern gives a tenant: `tenant-{{name}}` and
 * `payments` give `tenant-payments`. Throws an `InputError` when the result
 * is not a valid namespace name (DNS-1123 label).
 * @public
 */
export function tenantNamespace(
  tenant: string,
  pattern: string = DEFAULT_NAMESPACE_PATTERN,
): string {
  const name = pattern.replace(PLACEHOLDER, tenant);
  const problems = validateDns1123Label(name);
  if (problems.length > 0) {
    throw new InputError(
      `tenant '${tenant}' gives the namespace name '${name}', which ${problems.join(
        ' and ',
      )}`,
    );
  }
  return name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher of namespace names against a pattern: `tenant-{{name}}` gives a
 * function mapping `tenant-payments` to `payments` and `kube-system` to
 * undefined. Build it once and reuse it (it compiles a regular expression).
 * @public
 */
export function namespaceNameMatcher(
  pattern: string,
): (namespaceName: string) => string | undefined {
  const [before, after] = pattern.split(PLACEHOLDER);
  if (after === undefined) return () => undefined;
  const regExp = new RegExp(
    `^${escapeRegExp(before)}([a-z0-9]([-a-z0-9]*[a-z0-9])?)${escapeRegExp(
      after,
    )}$`,
  );
  return name => regExp.exec(name)?.[1];
}

/**
 * The tenant a namespace belongs to: its tenant label when set (the label
 * decides, also against the pattern), else the tenant the pattern yields for
 * its name, else undefined.
 * @public
 */
export function tenantOfNamespace(
  namespace: NamespaceInfo,
  mapping: TenantMapping = DEFAULT_TENANT_MAPPING,
): string | undefined {
  const label = namespace.labels?.[mapping.namespaceLabel];
  if (label !== undefined && label !== '') return label;
  return namespaceNameMatcher(mapping.namespacePattern)(namespace.name);
}
