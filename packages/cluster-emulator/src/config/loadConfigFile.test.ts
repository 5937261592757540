import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@backstage/errors';
import { startEmulator } from '../startEmulator';
import { loadConfigFile, parseConfig } from './loadConfigFile';

describe('the config file', () => {
  it('loads the demo config shipped with the package', () => {
    const config = loadConfigFile(join(__dirname, '..', '..', 'demo.yaml'));
    expect(config.clusters?.map(c => [c.name, c.environment, c.port])).toEqual([
      ['dev', 'development', 6443],
      ['prod-eu', 'production', 6444],
      ['prod-us', 'production', 6445],
    ]);
    expect(config.stateDir).toMatch(/\.data\/emulator$/);
  });

  it.each([
    [{ clusters: [{ name: 'Dev' }] }, /clusters\/0\/name/],
    [{ clusters: [{ name: 'dev', port: 70000 }] }, /port/],
    [{ operator: { failureRate: 2 } }, /failureRate/],
    [{ operator: { delays: { Bucket: { distribution: 'gamma' } } } }, /delays/],
    [
      { clusters: [{ name: 'dev', faults: { chaos: 1 } }] },
      /additional properties/,
    ],
    [
      { identities: [{ name: 'x', token: 't', role: 'tenant' }] },
      /role tenant but no tenant/,
    ],
    [{ unknownKey: true }, /additional properties/],
  ])('rejects %j', (config, message) => {
    expect(() => parseConfig(config, 'test.yaml')).toThrow(InputError);
    expect(() => parseConfig(config, 'test.yaml')).toThrow(message);
  });

  it('resolves a relative stateDir against the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fractal-emulator-config-'));
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'stateDir: state\nseed: false\n');
    expect(loadConfigFile(file)).toEqual({
      stateDir: join(dir, 'state'),
      seed: false,
    });
  });

  it('refuses to start with invalid options', async () => {
    await expect(
      startEmulator({
        clusters: [
          { name: 'a', port: 0 },
          { name: 'a', port: 0 },
        ],
      }),
    ).rejects.toThrow('listed twice');
    await expect(
      startEmulator({ operator: { failureRate: 0.8, stuckRate: 0.5 } }),
    ).rejects.toThrow(InputError);
    await expect(
      startEmulator({ operator: { delays: { default: -1 } } }),
    ).rejects.toThrow('non-negative');
  });
});
