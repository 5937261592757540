import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, V1ObjectMeta } from '@kubernetes/client-node';
import { EmulatorOptions } from '../config/EmulatorOptions';
import { RunningEmulator, startEmulator } from '../startEmulator';

/** A started emulator for one test file, with clients for its identities. */
export interface TestEmulator {
  emulator: RunningEmulator;
  /** A KubeConfig for a cluster (default the first) as an identity (default admin). */
  kubeConfig(identity?: string, cluster?: string): KubeConfig;
  /** A raw HTTPS request to a cluster, for what the typed clients hide. */
  raw(options: RawRequest): Promise<RawResponse>;
  stop(): Promise<void>;
}

export interface RawRequest {
  method?: string;
  path: string;
  token?: string | null;
  body?: string;
  contentType?: string;
  accept?: string;
  cluster?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

/** Fast, deterministic operator timing for tests. */
export const FAST_OPERATOR = {
  delays: { default: 50 },
  deletionDelay: 50,
  failureRate: 0,
  stuckRate: 0,
};

/**
 * Starts an emulator on ephemeral ports in a temporary state directory:
 * one `dev` cluster, the demo platform, no seeded history, a 50 ms operator.
 */
export async function startTestEmulator(
  options: EmulatorOptions = {},
): Promise<TestEmulator> {
  const stateDir = mkdtempSync(join(tmpdir(), 'fractal-emulator-test-'));
  const emulator = await startEmulator({
    clusters: [{ name: 'dev', port: 0 }],
    seed: false,
    operator: FAST_OPERATOR,
    ...options,
    stateDir,
  });
  const kubeConfig = (identity = 'admin', clusterName?: string) => {
    const cluster = clusterName
      ? emulator.clusters.find(c => c.name === clusterName)!
      : emulator.clusters[0];
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.url,
          caData: cluster.caData,
          skipTLSVerify: false,
        },
      ],
      users: [{ name: identity, token: emulator.tokens[identity] }],
      contexts: [{ name: cluster.name, cluster: cluster.name, user: identity }],
      currentContext: cluster.name,
    });
    return kc;
  };
  const raw = ({
    method = 'GET',
    path,
    token,
    body,
    contentType,
    accept,
    cluster,
  }: RawRequest) => {
    const target = cluster
      ? emulator.clusters.find(c => c.name === cluster)!
      : emulator.clusters[0];
    const url = new URL(path, target.url);
    const headers: Record<string, string> = {};
    const bearer = token === undefined ? emulator.tokens.admin : token;
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (contentType) headers['Content-Type'] = contentType;
    if (body !== undefined)
      headers['Content-Length'] = String(Buffer.byteLength(body));
    if (accept) headers.Accept = accept;
    return new Promise<RawResponse>((resolve, reject) => {
      const req = request(
        url,
        { method, headers, ca: target.caPem, agent: false },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              json: () => JSON.parse(text),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  };
  return {
    emulator,
    kubeConfig,
    raw,
    stop: async () => {
      await emulator.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** A claim as tests build and read them. */
export interface TestClaim {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta;
  spec: { parameters: Record<string, unknown> };
  status?: Record<string, unknown>;
}

/** A valid PostgreSQLInstance claim. */
export function postgresClaim(
  name: string,
  namespace = 'tenant-payments',
  parameters: Record<string, unknown> = { storageGB: 20 },
): TestClaim {
  return {
    apiVersion: 'platform.fractal.dev/v1alpha1',
    kind: 'PostgreSQLInstance',
    metadata: {
      name,
      namespace,
      labels: { 'fractal.dev/tenant': namespace.replace(/^tenant-/, '') },
    },
    spec: { parameters },
  };
}
