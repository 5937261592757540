import { crdToPlatformKind } from './crdToPlatformKind';

function crd(versions: object[], extra: object = {}) {
  return {
    metadata: {
      name: 'buckets.g.io',
      uid: 'c1',
      resourceVersion: '3',
      annotations: { 'fractal.dev/title': 'Object bucket' },
    },
    spec: {
      group: 'g.io',
      names: { kind: 'Bucket', plural: 'buckets' },
      scope: 'Cluster',
      versions,
      ...extra,
    },
  };
}
const schema = (d: string) => ({
  openAPIV3Schema: { type: 'object', description: d },
});

describe('crdToPlatformKind', () => {
  it.each<[string, object[], string | undefined]>([
    [
      'the served storage version',
      [
        { name: 'v1', served: true, storage: false, schema: schema('one') },
        { name: 'v2', served: true, storage: true, schema: schema('two') },
      ],
      'v2',
    ],
    [
      'the first served version when storage is not served',
      [
        { name: 'v1', served: true, storage: false, schema: schema('one') },
        { name: 'v2', served: false, storage: true },
      ],
      'v1',
    ],
    [
      'nothing when no version is served',
      [{ name: 'v1', served: false, storage: true }],
      undefined,
    ],
  ])('picks %s', (_what, versions, version) => {
    expect(crdToPlatformKind(crd(versions))?.kind.version).toBe(version);
  });

  it('reads names, scope, title, description and schema', () => {
    expect(
      crdToPlatformKind(
        crd([
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: schema('A bucket'),
          },
        ]),
      ),
    ).toEqual({
      metadata: { uid: 'c1', name: 'buckets.g.io', resourceVersion: '3' },
      kind: {
        group: 'g.io',
        version: 'v1',
        kind: 'Bucket',
        plural: 'buckets',
        scope: 'Cluster',
        title: 'Object bucket',
        description: 'A bucket',
        schema: { type: 'object', description: 'A bucket' },
      },
    });
  });

  it.each([[{}], [{ metadata: {} }], ['x']])('rejects %j', raw => {
    expect(crdToPlatformKind(raw)).toBeUndefined();
  });
});
