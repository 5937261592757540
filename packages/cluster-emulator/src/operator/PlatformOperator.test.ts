import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FAST_OPERATOR,
  postgresClaim,
  startTestEmulator,
  TestEmulator,
  waitFor,
} from '../__testUtils__/testEmulator';

const API = 'platform.fractal.dev/v1alpha1';
const NS = 'tenant-payments';

function condition(obj: any, type: string) {
  return obj?.status?.conditions?.find((c: any) => c.type === type);
}

describe('the simulated platform operator', () => {
  describe('provisioning that succeeds', () => {
    let t: TestEmulator;
    beforeAll(async () => {
      t = await startTestEmulator();
    }, 30_000);
    afterAll(() => t.stop());

    const claim = (name: string) =>
      t.emulator.cluster('dev').get(API, 'PostgreSQLInstance', name, NS) as any;

    it('binds, composes, becomes Ready and logs the attempt', async () => {
      const dev = t.emulator.cluster('dev');
      const created = dev.create(postgresClaim('orders-db')) as any;
      expect(created.spec.resourceRef).toEqual({
        apiVersion: API,
        kind: 'XPostgreSQLInstance',
        name: expect.stringMatching(/^orders-db-[a-z0-9]{5}$/),
      });

      const creating = await waitFor(() =>
        condition(claim('orders-db'), 'Ready') ? claim('orders-db') : undefined,
      );
      expect(creating.metadata.generation).toBe(1);
      expect(creating.metadata.finalizers).toEqual([
        'finalizer.apiextensions.crossplane.io',
      ]);
      expect(condition(creating, 'Synced')).toMatchObject({
        status: 'True',
        reason: 'ReconcileSuccess',
        observedGeneration: 1,
      });

      const ready = await waitFor(() =>
        condition(claim('orders-db'), 'Ready')?.status === 'True'
          ? claim('orders-db')
          : undefined,
      );
      expect(condition(ready, 'Ready')).toMatchObject({
        reason: 'Available',
        observedGeneration: 1,
      });
      expect(ready.status.address).toBe(
        'orders-db.tenant-payments.db.development.fractal.internal',
      );

      const composite = dev.get(
        API,
        'XPostgreSQLInstance',
        created.spec.resourceRef.name,
      ) as any;
      expect(composite.spec.claimRef).toEqual({
        apiVersion: API,
        kind: 'PostgreSQLInstance',
        name: 'orders-db',
        namespace: NS,
      });
      expect(composite.spec.resourceRefs.map((r: any) => r.kind)).toEqual([
        'DatabaseInstance',
        'FirewallRule',
      ]);
      expect(condition(composite, 'Ready')?.status).toBe('True');
      const managed = dev.get(
        'demo.fractal.dev/v1alpha1',
        'DatabaseInstance',
        composite.spec.resourceRefs[0].name,
      ) as any;
      expect(managed.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'XPostgreSQLInstance',
          name: composite.metadata.name,
          uid: composite.metadata.uid,
          controller: true,
        }),
      ]);
      expect(managed.spec.forProvider).toMatchObject({
        engine: 'postgres',
        allocatedStorageGB: 20,
      });
      expect(condition(managed, 'Ready')).toMatchObject({
        status: 'True',
        reason: 'Available',
      });

      const events = dev
        .list('v1', 'Event', NS)
        .filter((e: any) => e.involvedObject.uid === created.metadata.uid);
      expect(events.map((e: any) => e.reason).sort()).toEqual([
        'Available',
        'BindCompositeResource',
        'ConfigureCompositeResource',
      ]);

      const [record] = t.emulator
        .groundTruth()
        .filter(r => r.uid === created.metadata.uid);
      expect(record).toMatchObject({
        cluster: 'dev',
        namespace: NS,
        kind: 'PostgreSQLInstance',
        name: 'orders-db',
        generation: 1,
        tenant: 'payments',
        outcome: 'ready',
        planned: 'ready',
        seeded: false,
      });
      expect(
        Date.parse(record.readyAt!) - Date.parse(record.startedAt),
      ).toBeGreaterThanOrEqual(FAST_OPERATOR.delays.default - 5);
    });

    it('re-provisions a new generation and keeps lastTransitionTime until a status changes', async () => {
      const dev = t.emulator.cluster('dev');
      const created = dev.create(postgresClaim('ledger-db')) as any;
      const first = await waitFor(() =>
        condition(claim('ledger-db'), 'Ready')?.status === 'True'
          ? claim('ledger-db')
          : undefined,
      );
      const syncedAt = condition(first, 'Synced').lastTransitionTime;
      dev.apply(
        { ...postgresClaim('ledger-db', NS, { storageGB: 80 }) },
        { fieldManager: 'tester', force: true },
      );
      const second = await waitFor(() => {
        const c = claim('ledger-db');
        return condition(c, 'Ready')?.observedGeneration === 2 &&
          condition(c, 'Ready')?.status === 'True'
          ? c
          : undefined;
      });
      expect(second.metadata.generation).toBe(2);
      expect(condition(second, 'Synced').lastTransitionTime).toBe(syncedAt);
      const records = t.emulator
        .groundTruth()
        .filter(r => r.uid === created.metadata.uid);
      expect(records.map(r => [r.generation, r.outcome])).toEqual([
        [1, 'ready'],
        [2, 'ready'],
      ]);
      const composite = dev.get(
        API,
        'XPostgreSQLInstance',
        created.spec.resourceRef.name,
      ) as any;
      expect(composite.spec.parameters.storageGB).toBe(80);
    });

    it('deletes through its finalizer: Deleting, composite and managed resources gone, then the claim', async () => {
      const dev = t.emulator.cluster('dev');
      const created = dev.create(postgresClaim('temp-db')) as any;
      await waitFor(() =>
        condition(claim('temp-db'), 'Ready')?.status === 'True'
          ? true
          : undefined,
      );
      const compositeName = created.spec.resourceRef.name;
      const composite = dev.get(
        API,
        'XPostgreSQLInstance',
        compositeName,
      ) as any;
      dev.delete(API, 'PostgreSQLInstance', 'temp-db', NS);
      const deleting = await waitFor(() =>
        condition(claim('temp-db'), 'Ready')?.reason === 'Deleting'
          ? claim('temp-db')
          : undefined,
      );
      expect(deleting.metadata.deletionTimestamp).toBeDefined();
      await waitFor(
        () => (claim('temp-db') === undefined ? true : undefined),
        3000,
        'claim gone',
      );
      expect(
        dev.get(API, 'XPostgreSQLInstance', compositeName),
      ).toBeUndefined();
      await waitFor(
        () =>
          dev.get(
            'demo.fractal.dev/v1alpha1',
            'DatabaseInstance',
            composite.spec.resourceRefs[0].name,
          ) === undefined
            ? true
            : undefined,
        3000,
        'managed resource gone',
      );
      const [record] = t.emulator
        .groundTruth()
        .filter(r => r.uid === created.metadata.uid);
      expect(record.deletedAt).toBeDefined();
      expect(record.outcome).toBe('ready');
    });

    it('writes the ground-truth log as JSON lines, the last line per attempt winning', async () => {
      await new Promise(resolve => setTimeout(resolve, 100));
      const lines = readFileSync(
        join(t.emulator.stateDir, 'ground-truth.jsonl'),
        'utf8',
      )
        .trim()
        .split('\n')
        .map(l => JSON.parse(l));
      const latest = new Map<string, any>();
      for (const line of lines)
        latest.set(`${line.cluster}/${line.uid}/${line.generation}`, line);
      expect(
        [...latest.values()].sort(
          (a, b) =>
            a.startedAt.localeCompare(b.startedAt) ||
            a.generation - b.generation,
        ),
      ).toEqual(t.emulator.groundTruth());
      expect(lines.length).toBeGreaterThan(latest.size);
    });
  });

  describe('provisioning that fails', () => {
    let t: TestEmulator;
    beforeAll(async () => {
      t = await startTestEmulator({
        operator: { ...FAST_OPERATOR, failureRate: 1 },
      });
    }, 30_000);
    afterAll(() => t.stop());

    it('moves Synced to ReconcileError with a message and a Warning event', async () => {
      const dev = t.emulator.cluster('dev');
      const created = dev.create(postgresClaim('broken-db')) as any;
      const failed = await waitFor(() => {
        const c = dev.get(API, 'PostgreSQLInstance', 'broken-db', NS) as any;
        return condition(c, 'Synced')?.status === 'False' ? c : undefined;
      });
      expect(condition(failed, 'Synced')).toMatchObject({
        reason: 'ReconcileError',
        message: expect.stringMatching(/^cannot apply composite resource: /),
      });
      expect(condition(failed, 'Ready')).toMatchObject({
        status: 'False',
        reason: 'Creating',
      });
      const warnings = dev
        .list('v1', 'Event', NS)
        .filter(
          (e: any) =>
            e.type === 'Warning' &&
            e.involvedObject.uid === created.metadata.uid,
        );
      expect(warnings.map((e: any) => e.reason)).toEqual(['ReconcileError']);
      const [record] = t.emulator.groundTruth();
      expect(record).toMatchObject({
        outcome: 'failed',
        failureReason: 'ReconcileError',
        planned: 'failed',
      });
      expect(record.failedAt).toBeDefined();
    });
  });

  describe('provisioning that gets stuck', () => {
    let t: TestEmulator;
    beforeAll(async () => {
      t = await startTestEmulator({
        operator: { ...FAST_OPERATOR, stuckRate: 1 },
      });
    }, 30_000);
    afterAll(() => t.stop());

    it('stays Creating and records a planned stuck attempt', async () => {
      const dev = t.emulator.cluster('dev');
      dev.create(postgresClaim('slow-db'));
      await waitFor(() =>
        t.emulator.groundTruth().length === 1 ? true : undefined,
      );
      await new Promise(resolve => setTimeout(resolve, 200));
      const c = dev.get(API, 'PostgreSQLInstance', 'slow-db', NS) as any;
      expect(condition(c, 'Ready')).toMatchObject({
        status: 'False',
        reason: 'Creating',
      });
      expect(t.emulator.groundTruth()[0]).toMatchObject({
        outcome: 'in-progress',
        planned: 'stuck',
      });
    });
  });
});
