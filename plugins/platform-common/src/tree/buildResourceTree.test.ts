import type { ResourceTreeNode } from '../api/types';
import type { KubernetesObjectLike } from '../status/types';
import { loadTreeFixture } from './__fixtures__/loadTreeFixture';
import { buildResourceTree, flattenResourceTree } from './buildResourceTree';
import { indexObjects } from './indexObjects';
import type { BuildResourceTreeOptions, ResourceTreeLookup } from './types';

const status = { now: '2025-06-02T10:00:00Z' };

/** One line per node: indentation, kind, namespace/name, state and flags. */
function outline(node: ResourceTreeNode, depth = 0): string[] {
  const { kind, namespace, name } = node.ref;
  const flags = [node.missing && 'missing', node.truncated && 'truncated']
    .filter(Boolean)
    .join(' ');
  const line = `${'  '.repeat(depth)}${kind} ${
    namespace ? `${namespace}/` : ''
  }${name} ${node.status.state}${flags ? ` ${flags}` : ''}`;
  return [line, ...node.children.flatMap(child => outline(child, depth + 1))];
}

function treeOf(
  fixture: string,
  rootName: string,
  options: BuildResourceTreeOptions = {},
) {
  const objects = loadTreeFixture(fixture);
  const root = objects.find(
    o => (o.metadata as { name?: string } | null)?.name === rootName,
  );
  if (!root) throw new Error(`no ${rootName} in ${fixture}`);
  return buildResourceTree(root, indexObjects('dev', objects), {
    status,
    ...options,
  });
}

describe('buildResourceTree', () => {
  it.each<[string, string, BuildResourceTreeOptions, string[]]>([
    [
      'crossplane-v1-orders-db',
      'orders-db',
      {},
      [
        'PostgreSQLInstance tenant-payments/orders-db InProgress',
        '  XPostgreSQLInstance orders-db-x7k2p InProgress',
        '    DatabaseInstance orders-db-x7k2p-db Ready',
        '    FirewallRule orders-db-x7k2p-fw Failed',
        '    BackupPolicy orders-db-x7k2p-backup Unknown missing',
        '    Secret crossplane-system/7d1e2f3a-0b4c-4d5e-8f60-718293a4b5c6 Ready',
        '  Secret tenant-payments/orders-db-conn Ready',
      ],
    ],
    [
      'crossplane-v1-orders-db',
      'orders-db',
      { maxDepth: 1 },
      [
        'PostgreSQLInstance tenant-payments/orders-db InProgress',
        '  XPostgreSQLInstance orders-db-x7k2p InProgress truncated',
        '  Secret tenant-payments/orders-db-conn Ready',
      ],
    ],
    [
      'crossplane-v1-orders-db',
      'orders-db',
      { maxNodes: 4 },
      [
        'PostgreSQLInstance tenant-payments/orders-db InProgress',
        '  XPostgreSQLInstance orders-db-x7k2p InProgress truncated',
        '    DatabaseInstance orders-db-x7k2p-db Ready',
        '  Secret tenant-payments/orders-db-conn Ready',
      ],
    ],
    [
      'crossplane-v2-storefront',
      'storefront',
      {},
      [
        'XApplication tenant-checkout/storefront InProgress',
        '  Deployment tenant-checkout/storefront InProgress',
        '    ReplicaSet tenant-checkout/storefront-6d5f7c9b8 InProgress',
        '      Pod tenant-checkout/storefront-6d5f7c9b8-b7xkq Ready',
        '      Pod tenant-checkout/storefront-6d5f7c9b8-zt9wm InProgress',
        '  Service tenant-checkout/storefront Ready',
        '  Ingress tenant-checkout/storefront Unknown missing',
      ],
    ],
    [
      'crossplane-v2-storefront',
      'storefront',
      { maxDepth: 2 },
      [
        'XApplication tenant-checkout/storefront InProgress',
        '  Deployment tenant-checkout/storefront InProgress',
        '    ReplicaSet tenant-checkout/storefront-6d5f7c9b8 InProgress truncated',
        '  Service tenant-checkout/storefront Ready',
        '  Ingress tenant-checkout/storefront Unknown missing',
      ],
    ],
    ['cycle', 'a', {}, ['Loop a Ready', '  Loop b Ready']],
  ])('%s from %s with %j', (fixture, rootName, options, expected) => {
    expect(outline(treeOf(fixture, rootName, options))).toEqual(expected);
  });

  it('fills refs, conditions and status of every node', () => {
    const tree = treeOf('crossplane-v1-orders-db', 'orders-db');
    const firewall = flattenResourceTree(tree).find(
      n => n.ref.kind === 'FirewallRule',
    );
    expect(firewall).toMatchObject({
      ref: {
        cluster: 'dev',
        apiVersion: 'demo.fractal.dev/v1alpha1',
        name: 'orders-db-x7k2p-fw',
        uid: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
      },
      status: {
        state: 'Failed',
        reason: 'ReconcileError',
        since: '2025-06-02T09:40:00Z',
      },
    });
    expect(firewall?.conditions.map(c => c.type)).toEqual(['Synced', 'Ready']);
    expect(firewall?.ref.namespace).toBeUndefined();
  });

  it('describes missing nodes', () => {
    const tree = treeOf('crossplane-v1-orders-db', 'orders-db');
    const missing = flattenResourceTree(tree).filter(n => n.missing);
    expect(missing).toEqual([
      {
        ref: {
          cluster: 'dev',
          apiVersion: 'demo.fractal.dev/v1alpha1',
          kind: 'BackupPolicy',
          name: 'orders-db-x7k2p-backup',
        },
        status: {
          state: 'Unknown',
          reason: 'NotFound',
          message:
            'BackupPolicy orders-db-x7k2p-backup is referenced but not in the cache',
        },
        conditions: [],
        missing: true,
        children: [],
      },
    ]);
  });

  it('passes status options (overrides) to every node', () => {
    const tree = treeOf('crossplane-v1-orders-db', 'orders-db', {
      status: {
        ...status,
        overrides: {
          'demo.fractal.dev/*': () => ({ state: 'Ready', reason: 'Override' }),
        },
      },
    });
    const managed = flattenResourceTree(tree).filter(
      n => n.ref.apiVersion.startsWith('demo.') && !n.missing,
    );
    expect(managed.map(n => n.status.reason)).toEqual(['Override', 'Override']);
  });

  it('follows references only when the lookup cannot list owned objects', () => {
    const objects = loadTreeFixture('crossplane-v1-orders-db');
    const full = indexObjects('dev', objects);
    const lookup: ResourceTreeLookup = {
      cluster: 'dev',
      get: ref => full.get(ref),
    };
    const tree = buildResourceTree(objects[0], lookup, { status });
    expect(flattenResourceTree(tree).map(n => n.ref.kind)).toEqual([
      'PostgreSQLInstance',
      'XPostgreSQLInstance',
      'DatabaseInstance',
      'FirewallRule',
      'BackupPolicy',
    ]);
  });

  it('asks the lookup for each object at most once per reference', () => {
    const objects = loadTreeFixture('cycle');
    const full = indexObjects('dev', objects);
    const get = jest.fn(full.get);
    buildResourceTree(objects[0], {
      cluster: 'dev',
      get,
      ownedBy: full.ownedBy,
    });
    // a -> (b, a); b -> (a): three references in all, each looked up once.
    expect(get).toHaveBeenCalledTimes(3);
  });

  it('builds a single node for an object without references', () => {
    const root: KubernetesObjectLike = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
    };
    expect(
      outline(buildResourceTree(root, indexObjects('dev', [root]), { status })),
    ).toEqual(['ConfigMap x Ready']);
  });

  it('survives a long owner chain within the node bound', () => {
    const chain: KubernetesObjectLike[] = Array.from(
      { length: 2000 },
      (_, i) => ({
        apiVersion: 'demo.fractal.dev/v1alpha1',
        kind: 'Link',
        metadata: {
          name: `link-${i}`,
          uid: `uid-${i}`,
          ownerReferences:
            i === 0
              ? []
              : [
                  {
                    apiVersion: 'demo.fractal.dev/v1alpha1',
                    kind: 'Link',
                    name: `link-${i - 1}`,
                    uid: `uid-${i - 1}`,
                  },
                ],
        },
      }),
    );
    const tree = buildResourceTree(chain[0], indexObjects('dev', chain), {
      status,
      maxDepth: 5000,
    });
    expect(flattenResourceTree(tree)).toHaveLength(500);
  });
});
