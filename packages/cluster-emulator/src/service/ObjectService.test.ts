import { EmulatedCluster } from '../cluster/EmulatedCluster';
import {
  installPlatform,
  installSystemNamespaces,
} from '../demo/installPlatform';
import { DEMO_KINDS } from '../demo/platformKinds';
import { silentLogger } from '../util/logger';
import { PATCH_TYPES } from './ObjectService';

function cluster() {
  const c = new EmulatedCluster({
    name: 'unit',
    environment: 'development',
    randomSeed: 1,
    watchHistorySize: 100,
    tenantLabel: 'fractal.dev/tenant',
    logger: silentLogger,
  });
  installSystemNamespaces(c, Date.now());
  installPlatform(
    c,
    DEMO_KINDS,
    ['payments'],
    'fractal.dev/tenant',
    Date.now(),
  );
  const type = c.core.registry.get(
    'platform.fractal.dev',
    'v1alpha1',
    'caches',
  )!;
  return { c, type };
}

const cache = (name: string) => ({
  apiVersion: 'platform.fractal.dev/v1alpha1',
  kind: 'Cache',
  metadata: { name, namespace: 'tenant-payments' },
  spec: { parameters: { memoryMB: 256 } },
});

describe('ObjectService', () => {
  it.each([
    [
      'merge patch',
      PATCH_TYPES.merge,
      { spec: { parameters: { memoryMB: 512 } } },
    ],
    [
      'apply',
      PATCH_TYPES.apply,
      { ...cache('c1'), spec: { parameters: { memoryMB: 512 } } },
    ],
  ])(
    'never changes a stored object in place (%s)',
    (_name, contentType, patch) => {
      const { c, type } = cluster();
      const first = c.service.create(type, 'tenant-payments', cache('c1'), {
        fieldManager: 'test',
      }).stored!;
      const before = JSON.stringify(first.object);
      c.service.patch(
        type,
        'tenant-payments',
        'c1',
        contentType,
        patch,
        'main',
        {
          fieldManager: 'other',
          force: contentType === PATCH_TYPES.apply ? true : undefined,
        },
      );
      expect(JSON.stringify(first.object)).toBe(before);
      expect(first.bytes.toString()).toBe(before);
      const now = c.service.get(type, 'tenant-payments', 'c1');
      expect(now.object.metadata).toMatchObject({ generation: 2 });
      c.stop();
    },
  );

  it('does not write a no-op patch', () => {
    const { c, type } = cluster();
    const created = c.service.create(type, 'tenant-payments', cache('c2'), {
      fieldManager: 'test',
    }).stored!;
    const result = c.service.patch(
      type,
      'tenant-payments',
      'c2',
      PATCH_TYPES.merge,
      { spec: { parameters: { memoryMB: 256 } } },
      'main',
      {
        fieldManager: 'test',
      },
    );
    expect(result.stored).toBeUndefined();
    expect(c.service.get(type, 'tenant-payments', 'c2').rv).toBe(created.rv);
    c.stop();
  });
});
