import { selectTargetCluster } from './selectTargetCluster';

const clusters = [
  { name: 'dev', url: 'https://a', environment: 'development', source: 'x' },
  { name: 'prod-eu', url: 'https://b', environment: 'production', source: 'x' },
  { name: 'prod-us', url: 'https://c', environment: 'production', source: 'x' },
  { name: 'lab', url: 'https://d', source: 'x' },
];

describe('selectTargetCluster', () => {
  it.each<[string, { cluster?: string; environment?: string }, string, string]>(
    [
      [
        'the named cluster and its environment',
        { cluster: 'prod-us' },
        'prod-us',
        'production',
      ],
      [
        'the first cluster of an environment',
        { environment: 'production' },
        'prod-eu',
        'production',
      ],
      ['the first cluster by default', {}, 'dev', 'development'],
      [
        'a matching environment',
        { cluster: 'dev', environment: 'development' },
        'dev',
        'development',
      ],
      [
        'the given environment for a cluster without one',
        { cluster: 'lab', environment: 'staging' },
        'lab',
        'staging',
      ],
    ],
  )('chooses %s', (_case, request, cluster, environment) => {
    expect(selectTargetCluster(clusters, request)).toEqual({
      cluster: expect.objectContaining({ name: cluster }),
      environment,
    });
  });

  it.each<[string, { cluster?: string; environment?: string }, string]>([
    [
      'an unknown cluster',
      { cluster: 'mars' },
      "cluster: no cluster named 'mars' is configured (known: dev, prod-eu, prod-us, lab)",
    ],
    [
      'a mismatched environment',
      { cluster: 'dev', environment: 'production' },
      "environment: cluster 'dev' serves 'development', not 'production'",
    ],
    [
      'an unserved environment',
      { environment: 'staging' },
      "environment: no cluster serves 'staging' (known: development, production)",
    ],
    [
      'a cluster without environment and none given',
      { cluster: 'lab' },
      "environment: required, because cluster 'lab' has no configured environment",
    ],
  ])('refuses %s', (_case, request, message) => {
    expect(() => selectTargetCluster(clusters, request)).toThrow(message);
  });

  it('refuses when no cluster is configured', () => {
    expect(() => selectTargetCluster([], {})).toThrow(
      'cluster: no clusters are configured',
    );
  });
});
