import {
  selectTenantNamespace,
  tenantNamespace,
  tenantOfNamespace,
  validateNamespacePattern,
} from '.';

const mapping = {
  namespaceLabel: 'fractal.dev/tenant',
  namespacePattern: 'tenant-{{name}}',
};

describe('tenantNamespace', () => {
  it.each([
    ['payments', 'tenant-{{name}}', 'tenant-payments'],
    ['payments', '{{ name }}-apps', 'payments-apps'],
    ['search', '{{name}}', 'search'],
  ])('maps %s with %s to %s', (tenant, pattern, expected) => {
    expect(tenantNamespace(tenant, pattern)).toBe(expected);
  });

  it.each([
    ['Payments', "'tenant-Payments', which must be a DNS-1123 label"],
    ['a'.repeat(60), 'must be no more than 63 characters'],
    ['pay/../ments', 'must be a DNS-1123 label'],
  ])('refuses tenant %s', (tenant, message) => {
    expect(() => tenantNamespace(tenant)).toThrow(message);
  });
});

describe('validateNamespacePattern', () => {
  it.each<[string, string[]]>([
    ['tenant-{{name}}', []],
    ['{{name}}', []],
    [
      'tenant',
      ['must contain the placeholder {{name}} exactly once (found 0)'],
    ],
    [
      '{{name}}-{{name}}',
      ['must contain the placeholder {{name}} exactly once (found 2)'],
    ],
    [
      'Tenant_{{name}}',
      ["must consist of lowercase letters, digits and '-' around {{name}}"],
    ],
  ])('%s -> %j', (pattern, problems) => {
    expect(validateNamespacePattern(pattern)).toEqual(problems);
  });
});

describe('tenantOfNamespace', () => {
  it.each<
    [
      string,
      { name: string; labels?: Record<string, string> },
      string | undefined,
    ]
  >([
    [
      'the label',
      { name: 'apps', labels: { 'fractal.dev/tenant': 'search' } },
      'search',
    ],
    ['the pattern', { name: 'tenant-payments' }, 'payments'],
    [
      'the label over the pattern',
      { name: 'tenant-payments', labels: { 'fractal.dev/tenant': 'checkout' } },
      'checkout',
    ],
    ['nothing', { name: 'kube-system' }, undefined],
  ])('reads %s', (_name, ns, tenant) => {
    expect(tenantOfNamespace(ns, mapping)).toBe(tenant);
  });
});

describe('selectTenantNamespace', () => {
  const labelled = (name: string, tenant: string) => ({
    name,
    labels: { 'fractal.dev/tenant': tenant },
  });

  it.each<
    [string, Array<{ name: string; labels?: Record<string, string> }>, string]
  >([
    [
      'the pattern namespace',
      [labelled('tenant-payments', 'payments'), labelled('pay-2', 'payments')],
      'tenant-payments',
    ],
    [
      'an unlabelled pattern namespace',
      [{ name: 'tenant-payments' }],
      'tenant-payments',
    ],
    [
      'the only labelled namespace',
      [labelled('money', 'payments'), { name: 'default' }],
      'money',
    ],
  ])('chooses %s', (_name, namespaces, expected) => {
    expect(selectTenantNamespace('payments', namespaces, mapping)).toBe(
      expected,
    );
  });

  it.each<
    [
      string,
      Array<{ name: string; labels?: Record<string, string> }>,
      string,
      string,
    ]
  >([
    [
      'several labelled',
      [labelled('a', 'payments'), labelled('b', 'payments')],
      'ConflictError',
      'several namespaces (a, b)',
    ],
    [
      'none',
      [{ name: 'default' }],
      'NotFoundError',
      "tenant 'payments' has no namespace",
    ],
    [
      'a pattern namespace of another tenant',
      [labelled('tenant-payments', 'checkout')],
      'NotFoundError',
      'has no namespace',
    ],
  ])('refuses %s', (_name, namespaces, errorName, message) => {
    expect(() =>
      selectTenantNamespace('payments', namespaces, mapping),
    ).toThrow(
      expect.objectContaining({
        name: errorName,
        message: expect.stringContaining(message),
      }),
    );
  });
});
