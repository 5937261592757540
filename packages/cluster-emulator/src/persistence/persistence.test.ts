import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import {
  FAST_OPERATOR,
  postgresClaim,
  waitFor,
} from '../__testUtils__/testEmulator';
import { startEmulator } from '../startEmulator';

describe('restarts', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'fractal-emulator-persist-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('keeps the CA, and with persist keeps objects, resourceVersions and the ground truth', async () => {
    const options = {
      stateDir,
      clusters: [{ name: 'dev', port: 0 }],
      seed: { resources: 10, historyDays: 10 },
      persist: true,
      operator: FAST_OPERATOR,
    };
    const first = await startEmulator(options);
    const ca = readFileSync(first.caFile, 'utf8');
    first.cluster('dev').create(postgresClaim('kept-db'));
    await waitFor(() =>
      first
        .groundTruth()
        .some(r => r.name === 'kept-db' && r.outcome === 'ready')
        ? true
        : undefined,
    );
    const rv = Number(first.cluster('dev').resourceVersion());
    const records = first.groundTruth().length;
    await first.stop();

    const second = await startEmulator(options);
    try {
      expect(readFileSync(second.caFile, 'utf8')).toBe(ca);
      expect(
        Number(second.cluster('dev').resourceVersion()),
      ).toBeGreaterThanOrEqual(rv);
      expect(second.groundTruth()).toHaveLength(records);
      const kc = new KubeConfig();
      kc.loadFromFile(second.kubeconfigPath);
      expect(kc.getCurrentContext()).toBe('dev');
      expect(kc.getCurrentUser()?.name).toBe('admin');
      const claim: any = await kc
        .makeApiClient(CustomObjectsApi)
        .getNamespacedCustomObject({
          group: 'platform.fractal.dev',
          version: 'v1alpha1',
          plural: 'postgresqlinstances',
          namespace: 'tenant-payments',
          name: 'kept-db',
        });
      expect(
        claim.status.conditions.find((c: any) => c.type === 'Ready').status,
      ).toBe('True');
    } finally {
      await second.stop();
    }
  }, 60_000);
});
