import { tenantOfNamespace } from '@fractal/backstage-plugin-platform-common';
import { NamespaceTenants } from './NamespaceTenants';

function ns(name: string, labels?: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, uid: name, labels },
  };
}

describe('NamespaceTenants', () => {
  const options = {
    namespaceLabel: 'fractal.dev/tenant',
    namespacePattern: 'tenant-{{name}}',
  };

  it.each<[string, Record<string, string> | undefined, string | undefined]>([
    ['tenant-payments', { 'fractal.dev/tenant': 'payments' }, 'payments'],
    ['shop-prod', { 'fractal.dev/tenant': 'checkout' }, 'checkout'],
    ['tenant-search', undefined, 'search'],
    ['tenant-search', { other: 'x' }, 'search'],
    ['kube-system', undefined, undefined],
    ['tenant-', undefined, undefined],
    ['my-tenant-x', undefined, undefined],
  ])('maps %s with labels %j to %s', (name, labels, tenant) => {
    const tenants = new NamespaceTenants(options);
    tenants.set('dev', ns(name, labels));
    expect(tenants.tenantOf('dev', name)).toBe(tenant);
  });

  it('keeps clusters apart and reports tenant changes', () => {
    const tenants = new NamespaceTenants(options);
    expect(
      tenants.set('dev', ns('apps', { 'fractal.dev/tenant': 'payments' })),
    ).toBe(true);
    expect(
      tenants.set('dev', ns('apps', { 'fractal.dev/tenant': 'payments' })),
    ).toBe(false);
    expect(tenants.tenantOf('prod-eu', 'apps')).toBeUndefined();
    expect(
      tenants.set('dev', ns('apps', { 'fractal.dev/tenant': 'search' })),
    ).toBe(true);
    expect(tenants.delete('dev', 'apps')).toBe(true);
    expect(tenants.tenantOf('dev', 'apps')).toBeUndefined();
    expect(tenants.tenantOf('dev', undefined)).toBeUndefined();
  });

  it.each(['{{name}}-apps', '{{ name }}-apps'])(
    'supports other patterns (%s), as platform-common maps them',
    namespacePattern => {
      const mapping = { namespaceLabel: 'team', namespacePattern };
      const tenants = new NamespaceTenants(mapping);
      for (const name of ['payments-apps', 'paymentsxapps', 'apps', '-apps']) {
        expect(tenants.tenantOf('dev', name)).toBe(
          tenantOfNamespace({ name }, mapping),
        );
      }
      expect(tenants.tenantOf('dev', 'payments-apps')).toBe('payments');
      expect(tenants.tenantOf('dev', 'paymentsxapps')).toBeUndefined();
    },
  );

  it('rejects a pattern that cannot give namespace names', () => {
    expect(
      () =>
        new NamespaceTenants({ ...options, namespacePattern: '{{name}}.apps' }),
    ).toThrow("'{{name}}.apps' must consist of lowercase letters");
  });

  it('rejects a pattern without {{name}}', () => {
    expect(
      () => new NamespaceTenants({ ...options, namespacePattern: 'tenant-x' }),
    ).toThrow('platform.tenants.namespacePattern');
  });
});
