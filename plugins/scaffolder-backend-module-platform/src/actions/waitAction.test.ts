import { mockCredentials } from '@backstage/backend-test-utils';
import type { JsonObject } from '@fractal/backstage-plugin-platform-common';
import { actionContext } from '../__testUtils__/actionContext';
import {
  startTestEmulator,
  type TestEmulator,
} from '../__testUtils__/testEmulator';
import { createTestServices } from '../__testUtils__/testServices';
import { createApplyAction } from './applyAction';
import { createCompileAction } from './compileAction';
import { createWaitAction } from './waitAction';

const ada = mockCredentials.user('user:default/ada');
const alan = mockCredentials.user('user:default/alan');

/** Compiles and applies a resource, then returns a wait step for it. */
async function provision(
  services: ReturnType<typeof createTestServices>,
  input: {
    kind: string;
    name: string;
    tenant?: string;
    parameters?: JsonObject;
  },
  credentials = ada,
) {
  const compile = actionContext(createCompileAction(services.services), {
    input: { tenant: 'payments', cluster: 'dev', ...input },
    credentials,
  });
  await compile.run();
  const compiled = compile.outputs();
  const apply = actionContext(createApplyAction(services.services), {
    input: { manifest: compiled.manifest, cluster: 'dev' },
    credentials,
  });
  await apply.run();
  const applied = apply.outputs();
  return (
    wait: { timeout?: string; failAfter?: string; tenant?: string },
    waiter = ada,
  ) =>
    actionContext(
      createWaitAction({ ...services.services, kinds: services.kinds }),
      {
        input: {
          cluster: applied.cluster,
          tenant: input.tenant ?? 'payments',
          apiVersion: applied.apiVersion,
          kind: applied.kind,
          namespace: applied.namespace,
          name: applied.name,
          ...wait,
        },
        credentials: waiter,
      },
    );
}

describe('platform:resource:wait on the emulator', () => {
  describe('with an operator that provisions', () => {
    let env: TestEmulator;
    beforeAll(async () => {
      env = await startTestEmulator({
        operator: { delays: { default: 800, Bucket: 120_000 } },
      });
    }, 120_000);
    afterAll(() => env?.stop());

    it('waits until Ready, logging every condition change as it happens', async () => {
      const services = createTestServices({ clusters: env.clusters });
      const wait = (
        await provision(services, {
          kind: 'PostgreSQLInstance',
          name: 'orders-db',
        })
      )({
        timeout: '30s',
      });
      await wait.run();
      const log = wait.messages();
      const ready = log.findIndex(m => m.startsWith('Ready=True (Available)'));
      expect(log[0]).toMatch(
        /^Waiting up to 30\.0s for PostgreSQLInstance orders-db/,
      );
      expect(
        log.findIndex(m => m.startsWith('Synced=True (ReconcileSuccess)')),
      ).toBeGreaterThan(0);
      expect(ready).toBeGreaterThan(0);
      expect(log[log.length - 1]).toMatch(
        /^PostgreSQLInstance orders-db is Ready after \d+\.\ds$/,
      );
      const out = wait.outputs();
      expect(out).toMatchObject({ state: 'Ready', reason: 'Available' });
      expect(out.durationMs).toBeGreaterThan(0);
      expect(out.duration).toMatch(/^\d+\.\ds$/);
      expect(services.reports).toEqual([
        expect.objectContaining({
          outcome: 'succeeded',
          tenant: 'payments',
          kind: 'PostgreSQLInstance',
          templateRef: 'template:default/postgresql-instance',
        }),
      ]);
    }, 40_000);

    it('fails at the timeout with the state and the latest Events', async () => {
      const services = createTestServices({ clusters: env.clusters });
      const wait = (
        await provision(services, { kind: 'Bucket', name: 'slow-bucket' })
      )({
        timeout: '2s',
      });
      await expect(wait.run()).rejects.toMatchObject({
        name: 'ProvisioningTimeoutError',
        message: expect.stringMatching(
          /Bucket tenant-payments\/slow-bucket in cluster dev was not Ready after 2\.\ds \(timeout\); it is InProgress[\s\S]*Latest Events:[\s\S]*Normal \w+/,
        ),
      });
      expect(services.reports).toEqual([
        expect.objectContaining({
          outcome: 'failed',
          reason: 'Timeout',
          kind: 'Bucket',
        }),
      ]);
    }, 20_000);

    it("refuses to wait on another tenant's resource", async () => {
      const services = createTestServices({ clusters: env.clusters });
      const wait = await provision(
        services,
        { kind: 'Cache', name: 'checkout-cache', tenant: 'checkout' },
        alan,
      );
      await expect(wait({ timeout: '5s' }).run()).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          "is not a member of tenant 'checkout'",
        ),
      });
      await expect(
        wait({ timeout: '5s', tenant: 'payments' }).run(),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          "does not belong to tenant 'payments'",
        ),
      });
    }, 20_000);

    it('fails when the resource does not exist', async () => {
      const services = createTestServices({ clusters: env.clusters });
      const wait = actionContext(
        createWaitAction({ ...services.services, kinds: services.kinds }),
        {
          input: {
            cluster: 'dev',
            tenant: 'payments',
            apiVersion: 'platform.fractal.dev/v1alpha1',
            kind: 'PostgreSQLInstance',
            namespace: 'tenant-payments',
            name: 'never-applied',
          },
        },
      );
      await expect(wait.run()).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('waits for nothing in a dry run', async () => {
      const services = createTestServices({ clusters: env.clusters });
      const wait = actionContext(
        createWaitAction({ ...services.services, kinds: services.kinds }),
        {
          input: {
            cluster: 'dev',
            tenant: 'payments',
            apiVersion: 'platform.fractal.dev/v1alpha1',
            kind: 'PostgreSQLInstance',
            namespace: 'tenant-payments',
            name: 'never-applied',
          },
          isDryRun: true,
        },
      );
      await wait.run();
      expect(wait.outputs()).toMatchObject({ state: 'DryRun', durationMs: 0 });
      expect(services.reports).toEqual([]);
    });
  });

  describe('with an operator that fails every attempt', () => {
    let env: TestEmulator;
    beforeAll(async () => {
      env = await startTestEmulator({
        operator: { failureRate: 1, delays: { default: 300 } },
      });
    }, 120_000);
    afterAll(() => env?.stop());

    it('fails the step with the reason, the message and the latest Events', async () => {
      const services = createTestServices({ clusters: env.clusters });
      const wait = (
        await provision(services, {
          kind: 'PostgreSQLInstance',
          name: 'doomed-db',
        })
      )({
        timeout: '30s',
        failAfter: '1s',
      });
      const error = await wait.run().then(
        () => undefined,
        e => e,
      );
      expect(error).toMatchObject({
        name: 'ProvisioningFailedError',
        reason: 'ReconcileError',
        message: expect.stringMatching(
          /^PostgreSQLInstance tenant-payments\/doomed-db in cluster dev failed after \d+\.\ds: ReconcileError: cannot apply composite resource: /,
        ),
      });
      expect(error.message).toMatch(
        /Latest Events:[\s\S]*Warning ReconcileError on PostgreSQLInstance doomed-db/,
      );
      expect(error.message).toMatch(/Warning \w+ on \w+ /);
      expect(wait.messages()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^Synced=False \(ReconcileError\): cannot apply composite resource/,
          ),
        ]),
      );
      expect(services.reports).toEqual([
        expect.objectContaining({
          outcome: 'failed',
          reason: 'ReconcileError',
        }),
      ]);
    }, 40_000);
  });
});
