import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '@fractal/cluster-emulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestCluster } from './testServices';

/** A started emulator with its clusters in the shape the test services take. */
export interface TestEmulator {
  emulator: RunningEmulator;
  clusters: TestCluster[];
  stop(): Promise<void>;
}

/**
 * Starts the cluster emulator on free loopback ports with a fresh state
 * directory, no seeded history and a fast operator (override with
 * `operator`).
 */
export async function startTestEmulator(
  options: Pick<EmulatorOptions, 'operator' | 'clusters'> = {},
): Promise<TestEmulator> {
  const stateDir = mkdtempSync(join(tmpdir(), 'fractal-actions-'));
  const emulator = await startEmulator({
    stateDir,
    seed: false,
    clusters: options.clusters ?? [
      { name: 'dev', environment: 'development', port: 0 },
      { name: 'prod-eu', environment: 'production', port: 0 },
    ],
    operator: {
      failureRate: 0,
      stuckRate: 0,
      delays: { default: 300 },
      deletionDelay: 50,
      ...options.operator,
    },
  });
  return {
    emulator,
    clusters: emulator.clusters.map(c => ({
      name: c.name,
      url: c.url,
      environment: c.environment,
      caData: c.caData,
    })),
    async stop() {
      await emulator.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
