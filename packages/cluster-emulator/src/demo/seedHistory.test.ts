import { startTestEmulator, TestEmulator } from '../__testUtils__/testEmulator';
import { DEMO_KINDS } from './platformKinds';
import { DEMO_TENANTS } from './demoOrg';
import { planHistory, SeedTarget } from './seedHistory';

const API = 'platform.fractal.dev/v1alpha1';

function condition(obj: any, type: string) {
  return obj?.status?.conditions?.find((c: any) => c.type === type);
}

describe('the seeded history', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator({
      clusters: [
        { name: 'dev', port: 0, environment: 'development' },
        { name: 'prod-eu', port: 0, environment: 'production' },
      ],
      seed: { resources: 60, historyDays: 30 },
      operator: { enabled: false },
    });
  }, 30_000);
  afterAll(() => t.stop());

  const claimsOf = (cluster: string) =>
    DEMO_KINDS.flatMap(
      def => t.emulator.cluster(cluster).list(API, def.kind) as any[],
    );

  /** What a claim shows: its generation, state and the time of that state. */
  function shown(claim: any) {
    const ready = condition(claim, 'Ready');
    const synced = condition(claim, 'Synced');
    let state = 'in-progress';
    let at: number | undefined;
    if (ready?.status === 'True') {
      state = 'ready';
      at = Date.parse(ready.lastTransitionTime);
    } else if (synced?.status === 'False') {
      state = 'failed';
      at = Date.parse(synced.lastTransitionTime);
    }
    return {
      uid: claim.metadata.uid,
      generation: claim.metadata.generation,
      created: Date.parse(claim.metadata.creationTimestamp),
      state,
      at,
    };
  }

  /** What the ground truth says the claim should show. */
  function expected(cluster: string, uid: string) {
    const records = t.emulator.groundTruth(cluster).filter(r => r.uid === uid);
    const latest = records.reduce((a, b) =>
      b.generation > a.generation ? b : a,
    );
    const first = records.find(r => r.generation === 1)!;
    const end = latest.readyAt ?? latest.failedAt;
    return {
      uid,
      generation: latest.generation,
      created: Date.parse(first.startedAt),
      state: latest.outcome,
      at: end ? Date.parse(end) : undefined,
    };
  }

  it('agrees with the ground-truth log, object by object', () => {
    const records = t.emulator.groundTruth();
    expect(records.length).toBeGreaterThanOrEqual(60);
    expect(records.every(r => r.seeded)).toBe(true);
    for (const cluster of ['dev', 'prod-eu']) {
      const claims = claimsOf(cluster);
      expect(claims.map(shown)).toEqual(
        claims.map(c => expected(cluster, c.metadata.uid)),
      );
    }
    const deleted = records.filter(r => r.deletedAt);
    expect(
      deleted.map(r =>
        t.emulator.cluster(r.cluster).get(API, r.kind, r.name, r.namespace),
      ),
    ).toEqual(deleted.map(() => undefined));
  });

  it('logs one attempt for every generation a claim went through', () => {
    const missing: string[] = [];
    let changed = 0;
    for (const cluster of ['dev', 'prod-eu']) {
      const records = t.emulator.groundTruth(cluster);
      for (const claim of claimsOf(cluster)) {
        const { uid, name, generation } = claim.metadata;
        if (generation > 1) changed += 1;
        for (let g = 1; g <= generation; g++) {
          const logged = records.filter(
            r => r.uid === uid && r.generation === g,
          );
          if (logged.length !== 1) {
            missing.push(`${cluster}/${name} generation ${g}: ${logged.length}`);
          }
        }
      }
    }
    expect(changed).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('spreads claims over tenants and time, leaves analytics without any, and mixes portal and out-of-band', () => {
    const claims = [...claimsOf('dev'), ...claimsOf('prod-eu')];
    const namespaces = new Set(claims.map(c => c.metadata.namespace));
    expect([...namespaces].sort()).toEqual([
      'tenant-checkout',
      'tenant-identity',
      'tenant-payments',
      'tenant-search',
    ]);
    const portal = claims.filter(
      c => c.metadata.annotations?.['fractal.dev/created-via'] === 'portal',
    );
    expect(portal.length / claims.length).toBeGreaterThan(0.45);
    expect(portal.length / claims.length).toBeLessThan(0.9);
    expect(portal[0].metadata.annotations['fractal.dev/requested-by']).toMatch(
      /^user:default\//,
    );
    const ages = claims.map(
      c => Date.now() - Date.parse(c.metadata.creationTimestamp),
    );
    expect(Math.max(...ages)).toBeGreaterThan(10 * 86400_000);
    expect(claims.some(c => c.metadata.labels?.['fractal.dev/component'])).toBe(
      true,
    );
    expect(
      claims.some(c => !c.metadata.labels?.['fractal.dev/component']),
    ).toBe(true);
    const outcomes = new Set(t.emulator.groundTruth().map(r => r.outcome));
    expect(outcomes).toEqual(
      new Set([
        'ready',
        'failed',
        'in-progress',
        ...(outcomes.has('superseded') ? ['superseded'] : []),
      ]),
    );
  });

  it('plans the same history for the same seed', () => {
    const targets = [
      { cluster: { environment: 'development' } },
      { cluster: { environment: 'production' } },
    ] as unknown as SeedTarget[];
    const settings = {
      randomSeed: 7,
      historyDays: 30,
      resources: 50,
      now: 1_700_000_000_000,
      tenants: DEMO_TENANTS,
      kinds: DEMO_KINDS,
      tenantLabel: 'fractal.dev/tenant',
    };
    const summary = (seed: number) =>
      planHistory({ ...settings, randomSeed: seed }, targets).map(
        c =>
          `${c.target}/${c.tenant.name}/${c.def.kind}/${c.name}@${c.attempts[0].at}`,
      );
    expect(summary(7)).toEqual(summary(7));
    expect(summary(7)).not.toEqual(summary(8));
  });
});
