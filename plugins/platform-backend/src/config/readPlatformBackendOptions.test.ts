import { ConfigReader } from '@backstage/config';
import { readPlatformBackendOptions } from './readPlatformBackendOptions';

describe('readPlatformBackendOptions', () => {
  it('applies the defaults', () => {
    expect(readPlatformBackendOptions(new ConfigReader({}))).toMatchObject({
      crdSelector: 'fractal.dev/self-service=true',
      includeKinds: [],
      tenants: {
        groupType: 'team',
        namespaceLabel: 'fractal.dev/tenant',
        namespacePattern: 'tenant-{{name}}',
        refreshIntervalMs: 300_000,
      },
      platformTeamRef: 'group:default/platform-team',
      informers: {
        pageSize: 500,
        resyncPeriodMs: 600_000,
        watchTimeoutSeconds: 300,
        backoff: { initialMs: 1000, maxMs: 30_000 },
        events: { maxPerObject: 20, maxPerCluster: 10_000 },
      },
      status: { failureGracePeriodMs: 300_000 },
    });
  });

  it('reads every key', () => {
    const options = readPlatformBackendOptions(
      new ConfigReader({
        platform: {
          platformTeam: 'group:ops/SRE',
          kinds: {
            crdSelector: 'acme.io/offered in (yes)',
            include: [
              {
                group: 'g.io',
                version: 'v1',
                kind: 'Db',
                plural: 'dbs',
                scope: 'Cluster',
              },
            ],
          },
          provisioning: { failureGracePeriod: '0s' },
          tenants: {
            groupType: 'squad',
            namespaceLabel: 'squad',
            namespacePattern: '{{name}}-apps',
            refreshInterval: '1m',
          },
          informers: {
            resyncPeriod: '30m',
            backoff: { initial: '500ms', max: { minutes: 2 } },
            pageSize: 100,
            watchTimeout: '90s',
            events: { maxPerObject: 5, maxPerCluster: 50 },
          },
        },
      }),
    );
    expect(options).toMatchObject({
      crdSelector: 'acme.io/offered in (yes)',
      includeKinds: [
        {
          group: 'g.io',
          version: 'v1',
          kind: 'Db',
          plural: 'dbs',
          scope: 'Cluster',
        },
      ],
      tenants: {
        groupType: 'squad',
        namespaceLabel: 'squad',
        namespacePattern: '{{name}}-apps',
        refreshIntervalMs: 60_000,
      },
      platformTeamRef: 'group:ops/sre',
      informers: {
        pageSize: 100,
        resyncPeriodMs: 1_800_000,
        watchTimeoutSeconds: 90,
        backoff: { initialMs: 500, maxMs: 120_000 },
        events: { maxPerObject: 5, maxPerCluster: 50 },
      },
      status: { failureGracePeriodMs: 0 },
    });
  });

  it.each<[string, object, string]>([
    [
      'bad selector',
      { kinds: { crdSelector: 'a b c' } },
      'platform.kinds.crdSelector',
    ],
    [
      'kind without plural',
      { kinds: { include: [{ group: 'g', version: 'v1', kind: 'K' }] } },
      'platform.kinds.include[0].plural is required',
    ],
    [
      'bad scope',
      {
        kinds: {
          include: [
            {
              group: 'g',
              version: 'v1',
              kind: 'K',
              plural: 'ks',
              scope: 'Global',
            },
          ],
        },
      },
      'platform.kinds.include[0].scope',
    ],
    [
      'pattern without name',
      { tenants: { namespacePattern: 'tenant' } },
      'platform.tenants.namespacePattern',
    ],
    [
      'bad duration',
      { informers: { resyncPeriod: 'soon' } },
      'platform.informers.resyncPeriod',
    ],
    [
      'negative failure grace period',
      { provisioning: { failureGracePeriod: { minutes: -1 } } },
      "'platform.provisioning.failureGracePeriod': must be zero or more",
    ],
    [
      'zero page size',
      { informers: { pageSize: 0 } },
      'platform.informers.pageSize must be a positive integer',
    ],
    [
      'backoff upside down',
      { informers: { backoff: { initial: '1m', max: '1s' } } },
      'platform.informers.backoff.initial must not exceed',
    ],
    [
      'bad platform team',
      { platformTeam: 'user:default/alan' },
      'platform.platformTeam',
    ],
  ])('rejects %s naming the key', (_name, platform, message) => {
    expect(() =>
      readPlatformBackendOptions(new ConfigReader({ platform })),
    ).toThrow(message);
  });
});
