import { ConfigReader } from '@backstage/config';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { readPlatformClusters } from './readPlatformClusters';

const PEM =
  '-----BEGIN CERTIFICATE-----\nMIIBdemo\n-----END CERTIFICATE-----\n';
const CA_DATA = Buffer.from(PEM).toString('base64');

const KUBECONFIG = `
apiVersion: v1
kind: Config
current-context: eu
clusters:
  - name: eu-cluster
    cluster: { server: 'https://10.0.0.1:6443', certificate-authority-data: ${CA_DATA} }
  - name: us-cluster
    cluster: { server: 'https://10.0.0.2:6443', insecure-skip-tls-verify: true }
users:
  - name: eu-user
    user: { token: eu-token }
  - name: us-user
    user: { token: us-token }
contexts:
  - name: eu
    context: { cluster: eu-cluster, user: eu-user }
  - name: us
    context: { cluster: us-cluster, user: us-user }
`;

function read(data: object, cwd?: string, warn?: (m: string) => void) {
  return readPlatformClusters(new ConfigReader(data), { cwd, warn });
}

describe('readPlatformClusters', () => {
  const dir = createMockDirectory();

  beforeEach(() => {
    dir.setContent({ 'kube/config': KUBECONFIG, 'ca.crt': PEM });
  });

  it('reads url, token, CA file and provisioning token', async () => {
    const [dev] = read(
      {
        platform: {
          clusters: [
            {
              name: 'dev',
              url: 'https://127.0.0.1:6443/',
              environment: 'development',
              caFile: 'ca.crt',
              serviceAccountToken: 'reader',
              provisioning: { serviceAccountToken: 'writer' },
            },
          ],
        },
      },
      dir.path,
    );
    expect(dev).toMatchObject({
      name: 'dev',
      url: 'https://127.0.0.1:6443',
      environment: 'development',
      source: 'platform.clusters[0]',
    });
    const read0 = dev.kubeConfigs.read;
    expect(read0.getCurrentCluster()).toMatchObject({
      server: 'https://127.0.0.1:6443',
      caFile: dir.resolve('ca.crt'),
    });
    expect(read0.getCurrentUser()?.token).toBe('reader');
    expect(dev.kubeConfigs.provision.getCurrentUser()?.token).toBe('writer');
    expect(dev.kubeConfigs.provision.getCurrentCluster()?.caFile).toBe(
      dir.resolve('ca.crt'),
    );
  });

  it('provisions with the read credentials by default', () => {
    const [c] = read({
      platform: {
        clusters: [
          {
            name: 'a',
            url: 'https://a:6443',
            serviceAccountToken: 't',
            caData: CA_DATA,
          },
        ],
      },
    });
    expect(c.kubeConfigs.provision).toBe(c.kubeConfigs.read);
    expect(c.kubeConfigs.read.getCurrentCluster()?.caData).toBe(CA_DATA);
  });

  it('allows http only with skipTLSVerify', () => {
    const [c] = read({
      platform: {
        clusters: [
          {
            name: 'local',
            url: 'http://127.0.0.1:8080',
            skipTLSVerify: true,
            serviceAccountToken: 't',
          },
        ],
      },
    });
    expect(c.kubeConfigs.read.getCurrentCluster()?.skipTLSVerify).toBe(true);
  });

  it('reads a kubeconfig file and context, with a provisioning token', () => {
    const [c] = read(
      {
        platform: {
          clusters: [
            {
              name: 'prod-us',
              kubeconfig: { path: 'kube/config', context: 'us' },
              provisioning: { serviceAccountToken: 'writer' },
            },
          ],
        },
      },
      dir.path,
    );
    expect(c.url).toBe('https://10.0.0.2:6443');
    expect(c.kubeConfigs.read.getCurrentUser()?.token).toBe('us-token');
    expect(c.kubeConfigs.read.getCurrentContext()).toBe('prod-us');
    expect(c.kubeConfigs.provision.getCurrentUser()?.token).toBe('writer');
    expect(c.kubeConfigs.provision.getCurrentCluster()?.skipTLSVerify).toBe(
      true,
    );
  });

  it('uses the kubeconfig current context when none is given', () => {
    const [c] = read(
      {
        platform: {
          clusters: [{ name: 'eu', kubeconfig: { path: 'kube/config' } }],
        },
      },
      dir.path,
    );
    expect(c.url).toBe('https://10.0.0.1:6443');
  });

  it('warns about a CA file that does not exist yet', () => {
    const warn = jest.fn();
    read(
      {
        platform: {
          clusters: [
            {
              name: 'dev',
              url: 'https://x:1',
              serviceAccountToken: 't',
              caFile: 'missing.crt',
            },
          ],
        },
      },
      dir.path,
      warn,
    );
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('platform.clusters[0].caFile'),
    );
  });

  it('falls back to the kubernetes plugin config clusters', () => {
    const warn = jest.fn();
    const clusters = read(
      {
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'catalog' },
            {
              type: 'config',
              clusters: [
                {
                  name: 'k1',
                  url: 'https://k1:6443',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 't',
                  skipMetricsLookup: true,
                  caData: CA_DATA,
                },
                { name: 'k2', url: 'https://k2:6443', authProvider: 'google' },
              ],
            },
          ],
        },
      },
      undefined,
      warn,
    );
    expect(clusters.map(c => [c.name, c.source])).toEqual([
      ['k1', 'kubernetes.clusterLocatorMethods[1].clusters[0]'],
    ]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'kubernetes.clusterLocatorMethods[1].clusters[1]',
      ),
    );
  });

  it('prefers platform.clusters over the kubernetes config', () => {
    const clusters = read({
      platform: {
        clusters: [{ name: 'p', url: 'https://p:1', serviceAccountToken: 't' }],
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'k', url: 'https://k:1', serviceAccountToken: 't' },
            ],
          },
        ],
      },
    });
    expect(clusters.map(c => c.name)).toEqual(['p']);
  });

  it('returns no clusters when none are configured', () => {
    expect(read({})).toEqual([]);
  });

  const base = {
    name: 'dev',
    url: 'https://127.0.0.1:6443',
    serviceAccountToken: 't',
  };

  it.each<[string, object[], string]>([
    [
      'missing name',
      [{ url: 'https://a:1', serviceAccountToken: 't' }],
      'platform.clusters[0].name is required',
    ],
    [
      'bad name',
      [{ ...base, name: 'Dev Cluster' }],
      "platform.clusters[0].name 'Dev Cluster'",
    ],
    [
      'duplicate name',
      [base, base],
      "platform.clusters[1].name 'dev' is already used by platform.clusters[0]",
    ],
    [
      'no url nor kubeconfig',
      [{ name: 'dev', serviceAccountToken: 't' }],
      'set platform.clusters[0].url or platform.clusters[0].kubeconfig',
    ],
    [
      'invalid url',
      [{ ...base, url: 'not a url' }],
      "platform.clusters[0].url 'not a url' is not a valid URL",
    ],
    [
      'http without skipTLSVerify',
      [{ ...base, url: 'http://a:1' }],
      'uses http',
    ],
    ['ftp url', [{ ...base, url: 'ftp://a:1' }], 'must start with https://'],
    [
      'missing token',
      [{ name: 'dev', url: 'https://a:1' }],
      'platform.clusters[0].serviceAccountToken is required',
    ],
    [
      'unsupported authProvider',
      [{ ...base, authProvider: 'aws' }],
      "platform.clusters[0].authProvider 'aws' is not supported",
    ],
    [
      'caData not PEM',
      [{ ...base, caData: 'bm90IGEgY2VydA==' }],
      'platform.clusters[0].caData must be a base64-encoded PEM',
    ],
    [
      'caData and caFile',
      [{ ...base, caData: CA_DATA, caFile: 'ca.crt' }],
      'set either caData or caFile',
    ],
    [
      'skipTLSVerify with CA',
      [{ ...base, caData: CA_DATA, skipTLSVerify: true }],
      'skipTLSVerify: true ignores the CA',
    ],
    [
      'typo in a key',
      [{ ...base, serviceAcountToken: 'x' }],
      'platform.clusters[0].serviceAcountToken is not a known key',
    ],
    [
      'kubeconfig and url',
      [{ ...base, kubeconfig: { path: 'kube/config' } }],
      'set either platform.clusters[0].kubeconfig or platform.clusters[0].url',
    ],
    [
      'missing kubeconfig file',
      [{ name: 'dev', kubeconfig: { path: 'nope/config' } }],
      'platform.clusters[0].kubeconfig.path: cannot read kubeconfig',
    ],
    [
      'unknown context',
      [{ name: 'dev', kubeconfig: { path: 'kube/config', context: 'mars' } }],
      "platform.clusters[0].kubeconfig.context: context 'mars' not found",
    ],
    [
      'empty provisioning',
      [{ ...base, provisioning: {} }],
      'platform.clusters[0].provisioning needs serviceAccountToken or kubeconfig',
    ],
    [
      'provisioning token and kubeconfig',
      [
        {
          ...base,
          provisioning: {
            serviceAccountToken: 'w',
            kubeconfig: { path: 'kube/config' },
          },
        },
      ],
      'platform.clusters[0].provisioning: set either',
    ],
    [
      'wrong type',
      [{ ...base, skipTLSVerify: 3 }],
      'platform.clusters[0].skipTLSVerify',
    ],
  ])('rejects %s with a message naming the key', (_name, clusters, message) => {
    expect(() => read({ platform: { clusters } }, dir.path)).toThrow(message);
  });
});
