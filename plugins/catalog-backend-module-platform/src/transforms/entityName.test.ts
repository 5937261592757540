import {
  CommonValidatorFunctions,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';
import {
  kindToType,
  kindToWords,
  MAX_ENTITY_NAME_LENGTH,
  toEntityName,
  toLabelValue,
} from './entityName';

describe('toEntityName', () => {
  it.each([
    [['dev', 'tenant-payments', 'bucket', 'assets'], 'dev-tenant-payments-bucket-assets'],
    [['prod-eu', 'postgresql-instance', 'orders-db'], 'prod-eu-postgresql-instance-orders-db'],
  ])('joins clean parts %j as they are', (parts, expected) => {
    expect(toEntityName(parts)).toBe(expected);
  });

  it.each([
    ['dots', ['dev', 'tenant-a', 'bucket', 'assets.v2']],
    ['capitals', ['Prod_EU', 'tenant-a', 'bucket', 'assets']],
    ['length', ['prod-eu', 'tenant-analytics', 'postgresql-instance', 'a'.repeat(40)]],
  ])('ends with a hash when it must change the text (%s)', (_case, parts) => {
    const name = toEntityName(parts);
    expect(name).toMatch(/-[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(MAX_ENTITY_NAME_LENGTH);
    expect(CommonValidatorFunctions.isValidDnsLabel(name)).toBe(true);
    expect(toEntityName(parts)).toBe(name);
  });

  it('keeps names apart that the cleaning would merge', () => {
    const dotted = toEntityName(['dev', 'ns', 'bucket', 'a.b']);
    const dashed = toEntityName(['dev', 'ns', 'bucket', 'a-b']);
    expect(dashed).toBe('dev-ns-bucket-a-b');
    expect(dotted).not.toBe(dashed);
    expect(dotted.startsWith('dev-ns-bucket-a-b-')).toBe(true);
  });

  it('keeps long names with a common prefix apart', () => {
    const base = ['prod-us', 'tenant-checkout', 'cache', 'x'.repeat(60)];
    const a = toEntityName([...base.slice(0, 3), `${base[3]}-a`]);
    const b = toEntityName([...base.slice(0, 3), `${base[3]}-b`]);
    expect(a).not.toBe(b);
    expect(a.slice(0, 54)).toBe(b.slice(0, 54));
  });

  it('keeps dots when allowed, as in CRD names', () => {
    const name = toEntityName(['postgresqlinstances.platform.fractal.dev'], {
      allowDots: true,
    });
    expect(name).toBe('postgresqlinstances.platform.fractal.dev');
    expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
  });

  it('is a bare hash when nothing valid is left', () => {
    expect(toEntityName(['---'])).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('kindToType and kindToWords', () => {
  it.each([
    ['PostgreSQLInstance', 'postgresql-instance', 'PostgreSQL Instance'],
    ['Bucket', 'bucket', 'Bucket'],
    ['CacheCluster', 'cache-cluster', 'Cache Cluster'],
    ['XPostgreSQLInstance', 'x-postgresql-instance', 'X PostgreSQL Instance'],
    ['S3Bucket', 's3-bucket', 'S3 Bucket'],
    ['DNSRecord', 'dns-record', 'DNS Record'],
    ['MySQL', 'mysql', 'MySQL'],
  ])('%s -> %s / %s', (kind, type, words) => {
    expect(kindToType(kind)).toBe(type);
    expect(kindToWords(kind)).toBe(words);
  });
});

describe('toLabelValue', () => {
  it.each<[string | undefined, string | undefined]>([
    ['development', 'development'],
    ['PostgreSQLInstance', 'PostgreSQLInstance'],
    ['eu west/1', 'eu-west-1'],
    ['-x-', 'x'],
    ['', undefined],
    [undefined, undefined],
    ['///', undefined],
    ['a'.repeat(70), 'a'.repeat(63)],
  ])('%j -> %j', (value, expected) => {
    expect(toLabelValue(value)).toBe(expected);
  });
});
