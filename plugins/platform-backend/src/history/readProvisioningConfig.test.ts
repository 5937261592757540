import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readProvisioningConfig, sloFor } from './readProvisioningConfig';

const read = (provisioning: JsonObject | string) =>
  readProvisioningConfig(new ConfigReader({ platform: { provisioning } }));

describe('readProvisioningConfig', () => {
  it('uses the defaults without config', () => {
    expect(readProvisioningConfig(new ConfigReader({}))).toEqual({
      slo: { defaultMs: 600_000, byKindMs: {} },
      manualMinutesSaved: { default: 120, byKind: {} },
      stuckCheckIntervalMs: 60_000,
      notificationsEnabled: true,
    });
  });

  it('reads SLOs, minutes saved, the check interval and notifications', () => {
    const config = read({
      slo: {
        default: '5m',
        PostgreSQLInstance: 'PT15M',
        Bucket: { seconds: 90 },
      },
      manualMinutesSaved: { default: 60, PostgreSQLInstance: 240, Bucket: 0 },
      stuckCheckInterval: '30s',
      notifications: { enabled: false },
    });
    expect(config).toEqual({
      slo: {
        defaultMs: 300_000,
        byKindMs: { PostgreSQLInstance: 900_000, Bucket: 90_000 },
      },
      manualMinutesSaved: {
        default: 60,
        byKind: { PostgreSQLInstance: 240, Bucket: 0 },
      },
      stuckCheckIntervalMs: 30_000,
      notificationsEnabled: false,
    });
    expect(sloFor(config, 'Bucket')).toBe(90_000);
    expect(sloFor(config, 'Cache')).toBe(300_000);
    expect(sloFor(config, 'constructor')).toBe(300_000);
  });

  it.each([
    [
      { slo: { default: 'ten minutes' } },
      /platform\.provisioning\.slo\.default/,
    ],
    [
      { slo: { Cache: '0s' } },
      /platform\.provisioning\.slo\.Cache.*greater than zero/,
    ],
    [
      { slo: { Cache: { fortnights: 2 } } },
      /platform\.provisioning\.slo\.Cache/,
    ],
    [
      { manualMinutesSaved: { default: -5 } },
      /platform\.provisioning\.manualMinutesSaved\.default.*>= 0/,
    ],
    [
      { manualMinutesSaved: { Bucket: 'lots' } },
      /platform\.provisioning\.manualMinutesSaved\.Bucket/,
    ],
    [
      { stuckCheckInterval: 'often' },
      /platform\.provisioning\.stuckCheckInterval/,
    ],
    [
      { notifications: { enabled: 'sometimes' } },
      /platform\.provisioning\.notifications\.enabled/,
    ],
    [{ slo: '10m' }, /platform\.provisioning\.slo/],
  ])('rejects %j', (provisioning, message) => {
    expect(() => read(provisioning)).toThrow(message);
  });
});
