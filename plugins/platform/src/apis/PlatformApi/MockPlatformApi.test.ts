import { MockPlatformApi } from './MockPlatformApi';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const WINDOW = {
  from: new Date(NOW - 30 * 86_400_000).toISOString(),
  to: new Date(NOW).toISOString(),
};

describe('MockPlatformApi', () => {
  const api = new MockPlatformApi({ now: NOW });

  it.each([
    [{}, 9],
    [{ tenant: 'payments' }, 3],
    [{ entityRef: 'component:default/orders-service' }, 2],
    [{ entityRef: 'group:default/search' }, 2],
    [{ kind: 'PostgreSQLInstance', cluster: 'prod-eu' }, 3],
    [{ tenant: 'analytics' }, 0],
  ])('lists resources matching %p', async (query, count) => {
    expect((await api.listResources(query)).items).toHaveLength(count);
  });

  it('answers a resource with its tree, Events and attempts', async () => {
    const details = await api.getResource('prod-eu', 'uid-prod-eu-orders-db');
    expect(details.tree.children[0].ref.kind).toBe('XPostgreSQLInstance');
    expect(details.attempts).toEqual([
      expect.objectContaining({ outcome: 'ready', durationMs: 7 * 60_000 }),
    ]);
    await expect(api.getResource('dev', 'nope')).rejects.toThrow(
      'No platform resource dev/nope',
    );
  });

  it('computes consistent figures from one history', async () => {
    const [tenant, adoption, board] = await Promise.all([
      api.getTenantMetrics('payments', WINDOW),
      api.getAdoption(WINDOW),
      api.getScoreboard(WINDOW),
    ]);
    const row = board.tenants.find(t => t.tenant === 'payments');
    expect(row?.p50Ms).toBe(tenant.totals.p50Ms);
    expect(adoption.tenants).toBe(5);
    expect(board.adoptionRate.current).toBe(adoption.adoptionRate);
    // A window from noon to noon touches 31 UTC days.
    expect(board.daily).toHaveLength(31);
  });

  it('changes a state as the operator would and returns the signal payload', async () => {
    const mock = new MockPlatformApi({ now: NOW });
    expect(mock.setState('dev', 'uid-dev-orders-cache', 'Ready', NOW)).toEqual({
      cluster: 'dev',
      uid: 'uid-dev-orders-cache',
      tenant: 'payments',
      state: 'Ready',
    });
    const { resource } = await mock.getResource('dev', 'uid-dev-orders-cache');
    expect(resource.status).toEqual({
      state: 'Ready',
      reason: 'Available',
      since: new Date(NOW).toISOString(),
    });
  });

  it('compiles with layered defaults and names invalid fields', async () => {
    const compiled = await api.compile({
      kind: 'PostgreSQLInstance',
      tenant: 'payments',
      name: 'orders-db',
      environment: 'production',
      parameters: { version: '15' },
    });
    expect(compiled.provenance).toEqual(
      expect.arrayContaining([
        { path: 'spec.parameters.version', layer: 'user' },
        { path: 'spec.parameters.storageGB', layer: 'tenant' },
        { path: 'spec.parameters.highAvailability', layer: 'environment' },
        { path: 'metadata.labels["fractal.dev/tenant"]', layer: 'fractal' },
      ]),
    );
    await expect(
      api.compile({ kind: 'Nope', tenant: '', name: 'X', parameters: {} }),
    ).rejects.toMatchObject({
      name: 'InputError',
      fieldErrors: [
        { path: 'kind', message: "is not a platform kind: 'Nope'" },
        { path: 'tenant', message: 'is required' },
        { path: 'name', message: expect.stringMatching(/^must be at most 63/) },
      ],
    });
  });
});
