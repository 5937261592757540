import type { JsonValue } from '@fractal/backstage-plugin-platform-common';
import { ConfigReader } from '@backstage/config';
import {
  platformProviderDefaults,
  readPlatformProviderConfig,
} from './readPlatformProviderConfig';

const read = (platform: JsonValue) =>
  readPlatformProviderConfig(
    new ConfigReader({ catalog: { providers: { platform } } }),
  );

describe('readPlatformProviderConfig', () => {
  it('uses the defaults without config', () => {
    expect(readPlatformProviderConfig(new ConfigReader({}))).toEqual(
      platformProviderDefaults,
    );
    expect(platformProviderDefaults.schedule).toEqual({
      frequency: { seconds: 30 },
      timeout: { minutes: 2 },
      initialDelay: { seconds: 10 },
    });
  });

  it('reads every key', () => {
    expect(
      read({
        schedule: { frequency: { minutes: 5 }, timeout: { seconds: 90 } },
        fallbackOwner: 'sre',
        kinds: { enabled: false, owner: 'group:infra/dba', lifecycle: 'experimental' },
        templates: { enabled: false, owner: 'user:default/alan' },
        events: { enabled: false },
      }),
    ).toEqual({
      schedule: { frequency: { minutes: 5 }, timeout: { seconds: 90 } },
      fallbackOwner: 'group:default/sre',
      kinds: { enabled: false, owner: 'group:infra/dba', lifecycle: 'experimental' },
      templates: { enabled: false, owner: 'user:default/alan' },
      events: { enabled: false },
    });
  });

  it('fills in what a partial config leaves out', () => {
    expect(read({ kinds: { owner: 'group:default/dba' } })).toEqual({
      ...platformProviderDefaults,
      kinds: { ...platformProviderDefaults.kinds, owner: 'group:default/dba' },
    });
  });

  it.each([
    ['schedule', { schedule: { frequency: 'often', timeout: { minutes: 1 } } }],
    ['schedule', { schedule: { frequency: { seconds: 30 } } }],
    ['schedule', { schedule: 'every minute' }],
    ['fallbackOwner', { fallbackOwner: 'group:default/not a name' }],
    ['fallbackOwner', { fallbackOwner: 42 }],
    ['kinds.owner', { kinds: { owner: ':' } }],
    ['kinds.enabled', { kinds: { enabled: 'sometimes' } }],
    ['kinds.lifecycle', { kinds: { lifecycle: ' ' } }],
    ['templates.enabled', { templates: { enabled: 'yes please' } }],
    ['templates.owner', { templates: { owner: 'group:default/a/b' } }],
    ['events.enabled', { events: { enabled: 'maybe' } }],
  ])('refuses a broken %s', (key, platform) => {
    expect(() => read(platform)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringContaining(
          `Invalid config at catalog.providers.platform.${key}:`,
        ),
      }),
    );
  });
});
