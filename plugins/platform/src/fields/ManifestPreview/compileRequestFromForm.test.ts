import { compileRequestFromForm } from './compileRequestFromForm';

describe('compileRequestFromForm', () => {
  it.each([
    [
      'the default field names',
      {
        kind: 'Bucket',
        tenant: 'payments',
        name: 'receipts',
        environment: 'production',
        parameters: { versioning: true },
      },
      {},
      {
        kind: 'Bucket',
        tenant: 'payments',
        name: 'receipts',
        environment: 'production',
        parameters: { versioning: true },
      },
    ],
    [
      'a fixed kind and a tenant entity ref',
      {
        tenant: 'group:default/payments',
        name: 'orders-db',
        cluster: 'prod-eu',
      },
      { kind: 'PostgreSQLInstance' },
      {
        kind: 'PostgreSQLInstance',
        tenant: 'payments',
        name: 'orders-db',
        cluster: 'prod-eu',
        parameters: {},
      },
    ],
    [
      'renamed fields',
      {
        team: 'search',
        resourceName: ' idx ',
        env: 'development',
        spec: { sizeGB: 2 },
      },
      {
        kind: 'Cache',
        fields: {
          tenant: 'team',
          name: 'resourceName',
          environment: 'env',
          parameters: 'spec',
        },
      },
      {
        kind: 'Cache',
        tenant: 'search',
        name: 'idx',
        environment: 'development',
        parameters: { sizeGB: 2 },
      },
    ],
    [
      'top-level parameter fields, skipping empty ones',
      {
        tenant: 'payments',
        name: 'orders-db',
        storageGB: 50,
        version: '',
        owner: 'x',
      },
      { kind: 'PostgreSQLInstance', parameterFields: ['storageGB', 'version'] },
      {
        kind: 'PostgreSQLInstance',
        tenant: 'payments',
        name: 'orders-db',
        parameters: { storageGB: 50 },
      },
    ],
  ])('builds the request from %s', (_name, formData, options, request) => {
    expect(compileRequestFromForm(formData, options)).toEqual({
      request,
      missing: [],
    });
  });

  it.each([
    [undefined, {}, ['kind', 'team', 'name']],
    [{ kind: 'Bucket', name: '  ' }, {}, ['team', 'name']],
    [{ tenant: 'payments', name: 'x' }, {}, ['kind']],
    [{ tenant: 'payments' }, { kind: 'Bucket' }, ['name']],
  ])('lists what is missing in %p', (formData, options, missing) => {
    expect(compileRequestFromForm(formData, options)).toEqual({ missing });
  });
});
