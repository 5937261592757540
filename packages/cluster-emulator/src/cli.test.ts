import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '..', 'bin', 'fractal-cluster-emulator.js');

function run(
  args: string[],
  onStdout?: (text: string, kill: () => void) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise(done => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
      onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.on('exit', code => done({ code, stdout, stderr }));
  });
}

describe('fractal-cluster-emulator CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fractal-emulator-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from a config file, prints the kubeconfig path and stops cleanly on SIGTERM', async () => {
    const config = join(dir, 'emulator.yaml');
    writeFileSync(
      config,
      [
        'stateDir: state',
        'seed: false',
        'logLevel: silent',
        'clusters:',
        '  - { name: dev, port: 0 }',
        '',
      ].join('\n'),
    );
    let killed = false;
    const result = await run(['--config', config], (text, kill) => {
      if (!killed && text.includes('kubeconfig')) {
        killed = true;
        kill();
      }
    });
    expect(result.stdout).toContain('Fractal cluster emulator ready');
    expect(result.stdout).toMatch(/dev\s+https:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toContain(join(dir, 'state', 'kubeconfig'));
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'state', 'ca.crt'))).toBe(true);
  }, 60_000);

  it('explains a broken config and exits 1', async () => {
    const config = join(dir, 'broken.yaml');
    writeFileSync(config, 'clusters: nope\n');
    const result = await run(['--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid emulator config');
  }, 60_000);
});
