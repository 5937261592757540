import { actionContext } from '../__testUtils__/actionContext';
import {
  startTestEmulator,
  type TestEmulator,
} from '../__testUtils__/testEmulator';
import { createTestServices } from '../__testUtils__/testServices';
import { createApplyAction } from './applyAction';
import { createCompileAction } from './compileAction';

describe('platform:resource:compile + apply on the emulator', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startTestEmulator();
  }, 120_000);
  afterAll(() => env?.stop());

  it('compiles and applies a database into the tenant namespace', async () => {
    const { services } = createTestServices({ clusters: env.clusters });
    const compile = actionContext(createCompileAction(services), {
      input: {
        kind: 'PostgreSQLInstance',
        tenant: 'payments',
        name: 'orders-db',
        cluster: 'dev',
        parameters: { storageGB: 50, size: 'medium' },
      },
    });
    await compile.run();
    const compiled = compile.outputs();
    expect(compiled.namespace).toBe('tenant-payments');
    const apply = actionContext(createApplyAction(services), {
      input: { manifest: compiled.manifest, cluster: compiled.cluster },
    });
    await apply.run();
    expect(apply.outputs()).toMatchObject({
      created: true,
      changed: true,
      dryRun: false,
    });
    const stored = env.emulator
      .cluster('dev')
      .get(
        'platform.fractal.dev/v1alpha1',
        'PostgreSQLInstance',
        'orders-db',
        'tenant-payments',
      );
    expect(stored?.spec).toMatchObject({
      parameters: { storageGB: 50, size: 'medium' },
    });
  }, 30_000);
});
