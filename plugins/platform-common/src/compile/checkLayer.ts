import type { DefaultsLayer, JsonObject } from '../api/types';
import { LABEL_MANAGED_BY } from '../keys';
import type { FieldError } from './CompileInputError';
import { formatFieldPath, type FieldPathSegment } from './fieldPath';
import { validateLabelValue, validateQualifiedName } from './names';
import { isJsonObject } from './provenance';

/** Key prefixes (and their subdomains) only Fractal writes. @public */
export const FRACTAL_OWNED_KEY_PREFIXES: readonly string[] = ['fractal.dev'];
/** Single keys only Fractal writes. @public */
export const FRACTAL_OWNED_KEYS: readonly string[] = [LABEL_MANAGED_BY];
/**
 * Key prefixes (and their subdomains) user input may not set: they steer
 * Kubernetes and Crossplane controllers (e.g. `crossplane.io/external-name`
 * would let a tenant adopt another team's cloud resource).
 * @public
 */
export const USER_RESERVED_KEY_PREFIXES: readonly string[] = [
  'crossplane.io',
  'kubernetes.io',
  'k8s.io',
];
/**
 * `spec` fields user input may not set: Crossplane's binding and
 * composition machinery, which the platform team (defaults) or Crossplane
 * itself decides.
 * @public
 */
export const USER_RESERVED_SPEC_FIELDS: readonly string[] = [
  'resourceRef',
  'resourceRefs',
  'claimRef',
  'crossplane',
  'compositionRef',
  'compositionSelector',
  'compositionRevisionRef',
  'compositionRevisionSelector',
  'compositionUpdatePolicy',
];

function prefixOf(key: string): string | undefined {
  const slash = key.indexOf('/');
  return slash < 0 ? undefined : key.slice(0, slash);
}

function underPrefix(key: string, prefixes: readonly string[]) {
  const prefix = prefixOf(key);
  return (
    prefix !== undefined &&
    prefixes.some(p => prefix === p || prefix.endsWith(`.${p}`))
  );
}

/** True for label/annotation keys only Fractal may set. @public */
export function isFractalOwnedKey(key: string): boolean {
  return (
    FRACTAL_OWNED_KEYS.includes(key) ||
    underPrefix(key, FRACTAL_OWNED_KEY_PREFIXES)
  );
}

function checkKeyedStrings(
  map: JsonObject,
  path: FieldPathSegment[],
  kind: 'labels' | 'annotations',
  layer: DefaultsLayer,
  errors: FieldError[],
) {
  const fail = (key: string, message: string) =>
    errors.push({ path: formatFieldPath([...path, key]), message, layer });
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (isFractalOwnedKey(key)) {
      fail(key, 'is set by Fractal and cannot be set by input');
      continue;
    }
    if (layer === 'user' && underPrefix(key, USER_RESERVED_KEY_PREFIXES)) {
      fail(key, 'is reserved for Kubernetes and Crossplane controllers');
      continue;
    }
    for (const problem of validateQualifiedName(key)) {
      fail(
        key,
        `is not a valid ${
          kind === 'labels' ? 'label' : 'annotation'
        } key: it ${problem}`,
      );
    }
    if (value === null) continue;
    if (typeof value !== 'string') {
      fail(key, 'must be a string');
    } else if (kind === 'labels') {
      for (const problem of validateLabelValue(value)) {
        fail(key, `is not a valid label value: it ${problem}`);
      }
    }
  }
}

/**
 * Checks the shape of one input layer (a partial manifest) and reports every
 * field it may not set. Only `spec`, `metadata.labels` and
 * `metadata.annotations` may be given; `metadata.namespace`, `metadata.name`
 * and any other metadata, `apiVersion`, `kind` and `status` are refused with
 * an error naming the field; so are Fractal's own labels and annotations in
 * any layer, and, in the user layer, {@link USER_RESERVED_KEY_PREFIXES} and
 * {@link USER_RESERVED_SPEC_FIELDS}. Nothing is silently dropped.
 */
export function checkLayer(
  value: JsonObject,
  layer: DefaultsLayer,
  errors: FieldError[],
) {
  const fail = (path: FieldPathSegment[], message: string) =>
    errors.push({ path: formatFieldPath(path), message, layer });
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (key === 'spec') {
      if (field !== null && !isJsonObject(field))
        fail(['spec'], 'must be an object');
      if (layer === 'user' && isJsonObject(field)) {
        for (const reserved of USER_RESERVED_SPEC_FIELDS) {
          if (Object.prototype.hasOwnProperty.call(field, reserved)) {
            fail(
              ['spec', reserved],
              'is decided by the platform and cannot be set by input',
            );
          }
        }
        const secretRef = field.writeConnectionSecretToRef;
        if (isJsonObject(secretRef) && 'namespace' in secretRef) {
          fail(
            ['spec', 'writeConnectionSecretToRef', 'namespace'],
            'cannot be set: connection secrets stay in the resource namespace',
          );
        }
      }
    } else if (key === 'metadata') {
      if (field === null) continue;
      if (!isJsonObject(field)) {
        fail(['metadata'], 'must be an object');
        continue;
      }
      for (const metaKey of Object.keys(field)) {
        const metaValue = field[metaKey];
        if (metaKey === 'labels' || metaKey === 'annotations') {
          if (isJsonObject(metaValue)) {
            checkKeyedStrings(
              metaValue,
              ['metadata', metaKey],
              metaKey,
              layer,
              errors,
            );
          } else if (metaValue !== null) {
            fail(['metadata', metaKey], 'must be an object of strings');
          }
        } else if (metaKey === 'namespace') {
          fail(
            ['metadata', 'namespace'],
            "cannot be set: the namespace comes from the tenant's namespace mapping",
          );
        } else if (metaKey === 'name') {
          fail(
            ['metadata', 'name'],
            'cannot be set here: the name is a separate input',
          );
        } else {
          fail(
            ['metadata', metaKey],
            'cannot be set: only labels and annotations can',
          );
        }
      }
    } else {
      fail(
        [key],
        'cannot be set: only spec, metadata.labels and metadata.annotations can',
      );
    }
  }
}
