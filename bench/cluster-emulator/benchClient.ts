/* What the emulator benchmarks share: HTTPS requests as a client sends them, and the
 * benchmark server (benchServer.ts) started in its own process. */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

export interface Target {
  url: string;
  ca: string;
  token: string;
}

export interface Fetched {
  status: number;
  ms: number;
  firstByteMs: number;
  bytes: number;
  body: string;
}

export function fetchPath(
  target: Target,
  agent: Agent,
  path: string,
): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = 0;
    const req = request(
      new URL(path, target.url),
      {
        agent,
        ca: target.ca,
        headers: { Authorization: `Bearer ${target.token}` },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => {
          if (!firstByteMs) firstByteMs = performance.now() - started;
          chunks.push(c);
        });
        res.on('end', () => {
          const ms = performance.now() - started;
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            ms,
            firstByteMs,
            bytes: Buffer.byteLength(body),
            body,
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export async function get(
  target: Target,
  agent: Agent,
  path: string,
): Promise<Fetched> {
  const fetched = await fetchPath(target, agent, path);
  if (fetched.status !== 200)
    throw new Error(
      `GET ${path}: ${fetched.status} ${fetched.body.slice(0, 200)}`,
    );
  return fetched;
}

export function patch(
  target: Target,
  agent: Agent,
  path: string,
  body: unknown,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request(
      new URL(path, target.url),
      {
        method: 'PATCH',
        agent,
        ca: target.ca,
        headers: {
          Authorization: `Bearer ${target.token}`,
          'Content-Type': 'application/merge-patch+json',
          'Content-Length': Buffer.byteLength(text),
        },
      },
      res => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(new Error(`PATCH ${path}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** A watch that calls back with each event line as it arrives. */
export function watch(
  target: Target,
  path: string,
  onEvent: (event: { type: string; object: any }) => void,
): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, target.url),
      {
        ca: target.ca,
        agent: false,
        headers: { Authorization: `Bearer ${target.token}` },
      },
      res => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let newline = buffer.indexOf('\n');
          while (newline >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + 1);
            if (line) onEvent(JSON.parse(line));
            newline = buffer.indexOf('\n');
          }
        });
        res.on('error', () => undefined);
        resolve(() => req.destroy());
      },
    );
    req.on('error', error => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}

export interface ServerInfo {
  clusters: Array<{ name: string; url: string; caPem: string }>;
  tokens: Record<string, string>;
  kubeconfigPath: string;
  loaded: { ms: number; count: number };
}

export interface BenchServer {
  info: ServerInfo;
  /** `n` status writes on dev's PostgreSQLInstances, in the server's process. */
  churn(n: number): Promise<{ churned: number; ms: number }>;
  stop(): Promise<void>;
}

/** Starts benchServer.ts in its own process (extra environment: BENCH_* sizes) and waits for its report. */
export function startServer(
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      join(__dirname, 'benchServer.ts'),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    },
  );
  const exited = new Promise<void>(resolve =>
    child.on('exit', () => resolve()),
  );
  const replies: Array<(line: string) => void> = [];
  return new Promise((resolve, reject) => {
    const lines = createInterface(child.stdout);
    lines.on('line', line => {
      const reply = replies.shift();
      if (reply) {
        reply(line);
        return;
      }
      resolve({
        info: JSON.parse(line) as ServerInfo,
        churn: n =>
          new Promise(done => {
            replies.push(reply => done(JSON.parse(reply)));
            child.stdin.write(`churn ${n}\n`);
          }),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.on('exit', code =>
      reject(new Error(`the benchmark server exited with ${code}`)),
    );
  });
}
