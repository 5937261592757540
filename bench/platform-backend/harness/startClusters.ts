import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** What the cluster process reports. */
export interface BenchClusters {
  clusters: Array<{
    name: string;
    url: string;
    environment: string;
    caData: string;
    caPem: string;
  }>;
  tokens: Record<string, string>;
  loaded: { count: number; ms: number };
  stop(): Promise<void>;
}

/** Starts clusterServer.ts in its own process and waits for its report. */
export function startClusters(
  env: Record<string, string> = {},
): Promise<BenchClusters> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      join(__dirname, 'clusterServer.ts'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  const exited = new Promise<void>(resolve =>
    child.on('exit', () => resolve()),
  );
  return new Promise((resolve, reject) => {
    createInterface(child.stdout).once('line', line => {
      resolve({
        ...(JSON.parse(line) as Omit<BenchClusters, 'stop'>),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.on('exit', code =>
      reject(new Error(`the cluster process exited with ${code}`)),
    );
  });
}

/** `platform.clusters` config for the bench clusters, read with the reader identity. */
export function clustersConfig(clusters: BenchClusters) {
  return clusters.clusters.map(c => ({
    name: c.name,
    url: c.url,
    environment: c.environment,
    caData: c.caData,
    serviceAccountToken: clusters.tokens['fractal-reader'],
  }));
}
