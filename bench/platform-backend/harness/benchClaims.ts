/** The claims the benchmark clusters hold: one definition shared by every script. */
export const API = 'platform.fractal.dev/v1alpha1';
export const KINDS = [
  { kind: 'PostgreSQLInstance', plural: 'postgresqlinstances' },
  { kind: 'Bucket', plural: 'buckets' },
  { kind: 'Cache', plural: 'caches' },
  { kind: 'Application', plural: 'applications' },
];
export const TENANTS = ['payments', 'checkout', 'search', 'identity'];
export const CLUSTERS = ['dev', 'prod-eu', 'prod-us'];
/** The component whose page the status-read benchmark renders. */
export const BENCH_COMPONENT = 'bench-shop';

export interface BenchClaim {
  cluster: string;
  kind: string;
  plural: string;
  name: string;
  namespace: string;
  tenant: string;
  component: string;
  /** Ready when loaded; the others are InProgress (Ready=False, Creating). */
  ready: boolean;
}

/** The i-th claim: round-robin over clusters and kinds; the first `entityResources` belong to the bench component. */
export function claimAt(i: number, entityResources: number): BenchClaim {
  const { kind, plural } = KINDS[(i >> 2) % KINDS.length];
  const forEntity = i < entityResources;
  const tenant = forEntity ? 'payments' : TENANTS[(i >> 4) % TENANTS.length];
  return {
    cluster: CLUSTERS[i % CLUSTERS.length],
    kind,
    plural,
    name: `${kind.toLowerCase()}-${i}`,
    namespace: `tenant-${tenant}`,
    tenant,
    component: forEntity ? BENCH_COMPONENT : `${tenant}-api-${i % 40}`,
    ready: i % 10 !== 0,
  };
}

/** Ready/Synced conditions at the claim's first generation. */
export function conditions(ready: boolean, at: string) {
  return [
    {
      type: 'Synced',
      status: 'True',
      reason: 'ReconcileSuccess',
      lastTransitionTime: at,
      observedGeneration: 1,
    },
    {
      type: 'Ready',
      status: ready ? 'True' : 'False',
      reason: ready ? 'Available' : 'Creating',
      lastTransitionTime: at,
      observedGeneration: 1,
    },
  ];
}
