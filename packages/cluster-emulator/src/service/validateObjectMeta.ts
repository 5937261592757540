import { isJsonObject } from '../util/json';
import { KubeObject } from '../util/objects';
import { FieldError } from '../api/StatusError';

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function invalid(field: string, value: string, detail: string): FieldError {
  return {
    reason: 'FieldValueInvalid',
    field,
    message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
  };
}

/** Whether a key is a qualified name (`prefix/name` or `name`). */
export function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (!prefix || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    return false;
  }
  return name.length > 0 && name.length <= 63 && NAME_PART.test(name);
}

/** Validates the metadata every object must satisfy. */
export function validateObjectMeta(
  obj: KubeObject,
  nameIsLabel: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const meta = isJsonObject(obj.metadata) ? obj.metadata : {};
  const name = meta.name;
  if (typeof name !== 'string' || name === '') {
    errors.push({
      reason: 'FieldValueRequired',
      field: 'metadata.name',
      message: 'Required value: name or generateName is required',
    });
  } else if (nameIsLabel) {
    if (name.length > 63 || !DNS_LABEL.test(name))
      errors.push(invalid('metadata.name', name, LABEL_MESSAGE));
  } else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    errors.push(invalid('metadata.name', name, SUBDOMAIN_MESSAGE));
  }
  const labels = meta.labels;
  if (isJsonObject(labels)) {
    for (const [key, value] of Object.entries(labels)) {
      if (!isQualifiedName(key)) {
        errors.push(
          invalid(
            'metadata.labels',
            key,
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
          ),
        );
      }
      if (
        typeof value !== 'string' ||
        value.length > 63 ||
        !LABEL_VALUE.test(value)
      ) {
        errors.push(
          invalid(
            'metadata.labels',
            String(value),
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
          ),
        );
      }
    }
  }
  const annotations = meta.annotations;
  if (isJsonObject(annotations)) {
    let size = 0;
    for (const [key, value] of Object.entries(annotations)) {
      size += key.length + String(value).length;
      if (!isQualifiedName(key.toLowerCase())) {
        errors.push(
          invalid(
            'metadata.annotations',
            key,
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
          ),
        );
      }
    }
    if (size > 256 * 1024) {
      errors.push({
        reason: 'FieldValueTooLong',
        field: 'metadata.annotations',
        message: 'Too long: may not be more than 262144 bytes',
      });
    }
  }
  const finalizers = meta.finalizers;
  if (Array.isArray(finalizers)) {
    finalizers.forEach((f, i) => {
      if (typeof f !== 'string' || !isQualifiedName(f)) {
        errors.push(
          invalid(
            `metadata.finalizers[${i}]`,
            String(f),
            'name part must consist of alphanumeric characters',
          ),
        );
      }
    });
  }
  return errors;
}
