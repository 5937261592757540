import type { PlatformKind } from '@fractal/backstage-plugin-platform-common';
import { NamespaceTenants } from '../tenants/NamespaceTenants';
import { findPreviewKind, previewNamespace } from './previewTarget';

const mapping = {
  namespaceLabel: 'fractal.dev/tenant',
  namespacePattern: 'tenant-{{name}}',
};

function kind(
  group: string,
  name: string,
  clusters: string[],
  schema = true,
): PlatformKind {
  return {
    group,
    version: 'v1alpha1',
    kind: name,
    plural: `${name.toLowerCase()}s`,
    scope: 'Namespaced',
    title: name,
    clusters,
    source: 'crd-selector',
    ...(schema ? { schema: { type: 'object' } } : {}),
  };
}

const KINDS = [
  kind('platform.fractal.dev', 'Bucket', ['dev', 'prod-eu']),
  kind('storage.example.com', 'Bucket', ['dev']),
  kind('platform.fractal.dev', 'Cache', ['prod-eu']),
  kind('platform.fractal.dev', 'Legacy', ['dev'], false),
];

describe('findPreviewKind', () => {
  it.each<[string, { kind: string; apiVersion?: string }, string, string]>([
    [
      'a kind offered once on the cluster',
      { kind: 'Bucket' },
      'prod-eu',
      'platform.fractal.dev',
    ],
    [
      'a kind by group',
      { kind: 'storage.example.com/Bucket' },
      'dev',
      'storage.example.com',
    ],
    [
      'a kind by apiVersion',
      { kind: 'Bucket', apiVersion: 'platform.fractal.dev/v1alpha1' },
      'dev',
      'platform.fractal.dev',
    ],
  ])('finds %s', (_case, request, cluster, group) => {
    expect(findPreviewKind(KINDS, request, cluster).group).toBe(group);
  });

  it.each<[string, { kind: string; apiVersion?: string }, string, string]>([
    [
      'an ambiguous kind',
      { kind: 'Bucket' },
      'dev',
      'offered by several groups',
    ],
    [
      'a kind the cluster does not serve',
      { kind: 'Cache' },
      'dev',
      "not a platform kind served by cluster 'dev'",
    ],
    [
      'a kind without a schema',
      { kind: 'Legacy' },
      'dev',
      'has no openAPIV3Schema',
    ],
    [
      'a malformed apiVersion',
      { kind: 'Bucket', apiVersion: 'v1' },
      'dev',
      'must be <group>/<version>',
    ],
  ])('refuses %s', (_case, request, cluster, message) => {
    expect(() => findPreviewKind(KINDS, request, cluster)).toThrow(message);
  });
});

describe('previewNamespace', () => {
  const tenants = new NamespaceTenants(mapping);
  tenants.set('dev', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'money',
      uid: 'u1',
      labels: { 'fractal.dev/tenant': 'payments' },
    },
  });
  tenants.set('dev', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'tenant-search',
      uid: 'u2',
      labels: { 'fractal.dev/tenant': 'checkout' },
    },
  });

  it.each([
    ['the only labelled namespace', 'payments', 'money'],
    [
      'the pattern namespace when none is labelled',
      'identity',
      'tenant-identity',
    ],
  ])('chooses %s', (_case, tenant, namespace) => {
    expect(
      previewNamespace(tenant, tenants.namespaces('dev'), tenants.mapping),
    ).toBe(namespace);
  });

  it('chooses the unlabelled pattern namespace over a labelled one, as the actions do', () => {
    tenants.set('dev', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'tenant-payments', uid: 'u3' },
    });
    try {
      expect(
        previewNamespace(
          'payments',
          tenants.namespaces('dev'),
          tenants.mapping,
        ),
      ).toBe('tenant-payments');
    } finally {
      tenants.delete('dev', 'tenant-payments');
    }
  });

  it('never chooses a pattern namespace labelled for another tenant', () => {
    expect(() =>
      previewNamespace('search', tenants.namespaces('dev'), tenants.mapping),
    ).toThrow("tenant 'search' has no namespace");
  });
});
