/**
 * Kubernetes name and label rules (the same checks as the API server's
 * `IsDNS1123Label`, `IsDNS1123Subdomain`, `IsQualifiedName` and
 * `IsValidLabelValue`). Each returns the list of problems; empty means valid.
 */

/** Longest DNS-1123 label (namespace names, most resource names): 63. @public */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** Longest DNS-1123 subdomain (names of most kinds): 253. @public */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** Longest label value and label/annotation key name part: 63. @public */
export const LABEL_VALUE_MAX_LENGTH = 63;
/** Largest total size of a manifest's annotations (keys + values): 256 KiB. @public */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A DNS-1123 label: at most 63 of `a-z`, `0-9`, `-`, alphanumeric at both ends. @public */
export function validateDns1123Label(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) {
    problems.push(
      `must be no more than ${DNS1123_LABEL_MAX_LENGTH} characters`,
    );
  }
  if (!DNS1123_LABEL.test(value)) {
    problems.push(
      "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit",
    );
  }
  return problems;
}

/** A DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels. @public */
export function validateDns1123Subdomain(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    problems.push(
      `must be no more than ${DNS1123_SUBDOMAIN_MAX_LENGTH} characters`,
    );
  }
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(
      "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
    );
  }
  return problems;
}

/**
 * A label or annotation key: an optional DNS-1123 subdomain prefix and `/`,
 * then a name of at most 63 characters.
 * @public
 */
export function validateQualifiedName(value: string): string[] {
  const slash = value.indexOf('/');
  const prefix = slash < 0 ? undefined : value.slice(0, slash);
  const name = slash < 0 ? value : value.slice(slash + 1);
  const problems: string[] = [];
  if (prefix !== undefined) {
    if (prefix.length === 0) problems.push('has an empty prefix');
    else {
      problems.push(
        ...validateDns1123Subdomain(prefix).map(p => `prefix ${p}`),
      );
    }
  }
  if (name.length === 0) problems.push('has an empty name');
  else {
    if (name.length > LABEL_VALUE_MAX_LENGTH) {
      problems.push(
        `name part must be no more than ${LABEL_VALUE_MAX_LENGTH} characters`,
      );
    }
    if (!QUALIFIED_NAME.test(name)) {
      problems.push(
        "name part must consist of letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
      );
    }
  }
  return problems;
}

/** A label value: empty, or at most 63 letters, digits, `-`, `_`, `.`, alphanumeric at both ends. @public */
export function validateLabelValue(value: string): string[] {
  const problems: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) {
    problems.push(`must be no more than ${LABEL_VALUE_MAX_LENGTH} characters`);
  }
  if (!LABEL_VALUE.test(value)) {
    problems.push(
      "must be empty or consist of letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
    );
  }
  return problems;
}
