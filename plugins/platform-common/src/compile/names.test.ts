import { formatFieldPath } from './fieldPath';
import {
  validateDns1123Label,
  validateDns1123Subdomain,
  validateLabelValue,
  validateQualifiedName,
} from './names';

describe('Kubernetes names', () => {
  it.each<[string, boolean]>([
    ['orders-db', true],
    ['a', true],
    ['0abc', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['Orders', false],
    ['-orders', false],
    ['orders-', false],
    ['orders.db', false],
    ['orders_db', false],
    ['../x', false],
    ['', false],
  ])('DNS-1123 label %j valid: %s', (value, valid) => {
    expect(validateDns1123Label(value).length === 0).toBe(valid);
  });

  it.each<[string, boolean]>([
    ['postgresqlinstances.platform.fractal.dev', true],
    ['a.b', true],
    [
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
      true,
    ],
    [
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      false,
    ],
    ['a..b', false],
    ['.a', false],
    ['A.b', false],
  ])('DNS-1123 subdomain %j valid: %s', (value, valid) => {
    expect(validateDns1123Subdomain(value).length === 0).toBe(valid);
  });

  it.each<[string, boolean]>([
    ['team', true],
    ['fractal.dev/tenant', true],
    ['app.kubernetes.io/managed-by', true],
    ['Team_Name.v2', true],
    ['/team', false],
    ['a/b/c', false],
    ['team/', false],
    ['Example.com/x', false],
    [`x/${'a'.repeat(64)}`, false],
    ['a b', false],
  ])('label key %j valid: %s', (value, valid) => {
    expect(validateQualifiedName(value).length === 0).toBe(valid);
  });

  it.each<[string, boolean]>([
    ['', true],
    ['payments', true],
    ['Payments_2.x-y', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['-a', false],
    ['a b', false],
    ['group:default/payments', false],
  ])('label value %j valid: %s', (value, valid) => {
    expect(validateLabelValue(value).length === 0).toBe(valid);
  });

  it.each<[Array<string | number>, string]>([
    [['spec', 'parameters', 'storageGB'], 'spec.parameters.storageGB'],
    [['spec', 'ports', 0, 'containerPort'], 'spec.ports[0].containerPort'],
    [
      ['metadata', 'labels', 'fractal.dev/tenant'],
      'metadata.labels["fractal.dev/tenant"]',
    ],
    [['spec', 'a"b', '../x', ''], 'spec["a\\"b"]["../x"][""]'],
  ])('formatFieldPath(%j) = %s', (segments, path) => {
    expect(formatFieldPath(segments)).toBe(path);
  });
});
