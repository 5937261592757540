import { fullFormats } from 'ajv-formats/dist/formats';

type Check = (value: string) => boolean;

function toCheck(format: unknown): Check | undefined {
  if (format instanceof RegExp) {
    return value => format.test(value);
  }
  if (typeof format === 'function') {
    return value => Boolean((format as (v: string) => unknown)(value));
  }
  if (typeof format === 'object' && format !== null && 'validate' in format) {
    const validate = (format as { validate: unknown }).validate;
    if (typeof validate === 'string') {
      return undefined;
    }
    return toCheck(validate);
  }
  return undefined;
}

const CIDR_RE =
  /^(((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/(3[0-2]|[12]?\d)|[0-9a-fA-F:]+\/(12[0-8]|1[01]\d|[1-9]?\d))$/;
const MAC_RE = /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/;
// Go's time.ParseDuration syntax, which Kubernetes uses for `format: duration`.
const GO_DURATION_RE = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/;

const checks = new Map<string, Check>();
for (const name of [
  'date',
  'date-time',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
  'byte',
] as const) {
  const check = toCheck(fullFormats[name]);
  if (check) {
    checks.set(name, check);
  }
}
checks.set('cidr', value => CIDR_RE.test(value));
checks.set('mac', value => MAC_RE.test(value));
checks.set('duration', value => GO_DURATION_RE.test(value));

/**
 * Checks a string against a format Kubernetes validates. Unknown formats
 * (and number formats such as `int32`) pass, as they do in the API server.
 */
export function checkFormat(format: string, value: string): boolean {
  const check = checks.get(format);
  return check ? check(value) : true;
}
