import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type {
  CatalogService,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type {
  ClusterHealth,
  PlatformKind,
  PlatformResource,
} from '@fractal/backstage-plugin-platform-common';
import { platformProviderDefaults } from '../config/readPlatformProviderConfig';
import { loadKind, loadResource } from '../transforms/__fixtures__/loadFixture';
import { PlatformEntityProvider, PlatformReadClient } from './PlatformEntityProvider';

const health = (name: string, synced = true): ClusterHealth => ({
  name,
  connected: true,
  synced,
  kinds: 2,
  objects: 10,
});

/** A stub of the platform backend's API, with data the test changes. */
function stubClient(data: {
  kinds?: PlatformKind[];
  resources?: PlatformResource[];
  clusters?: ClusterHealth[];
}) {
  const client = {
    listKinds: jest.fn(async () => ({ items: data.kinds ?? [] })),
    listResources: jest.fn(async () => ({ items: data.resources ?? [] })),
    listClusters: jest.fn(async () => ({
      items: data.clusters ?? [health('dev'), health('prod-eu')],
    })),
  };
  return client satisfies PlatformReadClient;
}

function setup(options: {
  client: PlatformReadClient;
  config?: typeof platformProviderDefaults;
  withEvents?: boolean;
  catalog?: Pick<CatalogService, 'getEntities'>;
}) {
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  const events = mockServices.events();
  const connection = {
    applyMutation: jest.fn(async () => {}),
    refresh: jest.fn(async () => {}),
  } satisfies EntityProviderConnection;
  const provider = new PlatformEntityProvider({
    client: options.client,
    auth: mockServices.auth({ pluginId: 'catalog' }),
    logger: mockServices.logger.mock(),
    taskRunner: { run: async task => void tasks.push(task) },
    config: options.config ?? platformProviderDefaults,
    events: options.withEvents === false ? undefined : events,
    catalog: options.catalog,
    debounceMs: 200,
  });
  const runScheduled = async () => {
    expect(tasks).toHaveLength(1);
    await tasks[0].fn(new AbortController().signal);
  };
  return { provider, connection, tasks, events, runScheduled };
}

const postgres = loadResource('resource-postgres-payments');
const bucket = loadResource('resource-bucket-no-tenant');
const kinds = [loadKind('kind-postgres'), loadKind('kind-bucket-no-schema')];

const entityNames = (mutation: unknown) => {
  const { entities, added } = mutation as {
    entities?: Array<{ entity: { metadata: { name: string } } }>;
    added?: Array<{ entity: { metadata: { name: string } } }>;
  };
  return (entities ?? added ?? []).map(e => e.entity.metadata.name).sort();
};

describe('PlatformEntityProvider', () => {
  afterEach(() => jest.useRealTimers());

  it('schedules a refresh that applies every platform entity in full', async () => {
    const client = stubClient({ kinds, resources: [postgres, bucket] });
    const { provider, connection, tasks, runScheduled } = setup({ client });
    await provider.connect(connection);
    expect(tasks[0].id).toBe('PlatformEntityProvider:refresh');
    expect(connection.applyMutation).not.toHaveBeenCalled();

    await runScheduled();

    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const [mutation] = connection.applyMutation.mock.calls[0] as unknown as [
      { type: string },
    ];
    expect(mutation.type).toBe('full');
    expect(entityNames(mutation)).toEqual([
      'buckets.platform.fractal.dev',
      'dev-sandbox-bucket-scratch',
      'postgresqlinstances.platform.fractal.dev',
      'prod-eu-tenant-payments-postgresql-instance-orders-db',
    ]);
  });

  it('reads with the module own service credentials, not a user', async () => {
    const client = stubClient({});
    const { provider, connection, runScheduled } = setup({ client });
    await provider.connect(connection);
    await runScheduled();
    const credentials = mockCredentials.service('plugin:catalog');
    expect(client.listKinds).toHaveBeenCalledWith({ credentials });
    expect(client.listResources).toHaveBeenCalledWith({}, { credentials });
    expect(client.listClusters).toHaveBeenCalledWith({ credentials });
  });

  it('follows the platform: a deleted resource leaves with the next full mutation', async () => {
    const data = { kinds, resources: [postgres, bucket] };
    const { provider, connection } = setup({ client: stubClient(data) });
    await provider.connect(connection);
    await provider.refresh('schedule');
    data.resources = [postgres];
    await provider.refresh('schedule');
    const second = connection.applyMutation.mock.calls[1] as unknown as [unknown];
    expect(entityNames(second[0])).not.toContain('dev-sandbox-bucket-scratch');
    expect(entityNames(second[0])).toContain(
      'prod-eu-tenant-payments-postgresql-instance-orders-db',
    );
  });

  it('only adds while a cluster is still on its first list, then applies in full', async () => {
    const data = {
      kinds,
      resources: [postgres],
      clusters: [health('dev', false), health('prod-eu')],
    };
    const { provider, connection } = setup({ client: stubClient(data) });
    await provider.connect(connection);

    await expect(provider.refresh('schedule')).resolves.toEqual({
      mutation: 'delta',
      entities: 3,
      syncingClusters: ['dev'],
    });
    expect(connection.applyMutation).toHaveBeenLastCalledWith({
      type: 'delta',
      added: expect.any(Array),
      removed: [],
    });

    data.clusters = [health('dev'), health('prod-eu')];
    await expect(provider.refresh('schedule')).resolves.toMatchObject({
      mutation: 'full',
      syncingClusters: [],
    });
  });

  it.each([
    ['listKinds' as const],
    ['listResources' as const],
    ['listClusters' as const],
  ])('keeps the current entities when %s fails', async method => {
    const client = stubClient({ kinds, resources: [postgres] });
    client[method].mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    const { provider, connection, runScheduled } = setup({ client });
    await provider.connect(connection);

    await expect(runScheduled()).rejects.toThrow(
      /Could not read platform kinds and resources from the platform backend.*ECONNREFUSED/,
    );
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });

  it('refuses to refresh before the catalog connects it', async () => {
    const { provider } = setup({ client: stubClient({}) });
    await expect(provider.refresh('schedule')).rejects.toThrow(/not connected/);
  });

  it('never runs two refreshes at once, and applies them in call order', async () => {
    const client = stubClient({ kinds, resources: [postgres] });
    let release!: () => void;
    client.listResources.mockImplementationOnce(
      () =>
        new Promise(resolve => {
          release = () => resolve({ items: [postgres, bucket] });
        }),
    );
    const { provider, connection } = setup({ client });
    await provider.connect(connection);

    const first = provider.refresh('schedule');
    const second = provider.refresh('event');
    await new Promise(r => setImmediate(r));
    expect(client.listResources).toHaveBeenCalledTimes(1);
    release();
    await Promise.all([first, second]);

    expect(client.listResources).toHaveBeenCalledTimes(2);
    const calls = connection.applyMutation.mock.calls as unknown as Array<[unknown]>;
    expect(entityNames(calls[0][0])).toContain('dev-sandbox-bucket-scratch');
    expect(entityNames(calls[1][0])).not.toContain('dev-sandbox-bucket-scratch');
  });

  describe('on platform.resource events', () => {
    const event = {
      topic: 'platform.resource',
      eventPayload: { type: 'added', cluster: 'dev', uid: 'u1', kind: 'Bucket' },
    };

    it('refreshes once after a burst of changes', async () => {
      jest.useFakeTimers();
      const client = stubClient({ kinds, resources: [postgres] });
      const { provider, connection, events } = setup({ client });
      await provider.connect(connection);

      await events.publish(event);
      await events.publish(event);
      await jest.advanceTimersByTimeAsync(100);
      await events.publish(event);
      expect(connection.applyMutation).not.toHaveBeenCalled();

      await jest.advanceTimersByTimeAsync(150);
      expect(client.listResources).toHaveBeenCalledTimes(1);
      expect(connection.applyMutation).toHaveBeenCalledTimes(1);

      await events.publish(event);
      await jest.advanceTimersByTimeAsync(250);
      expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    });

    it('ignores other topics', async () => {
      jest.useFakeTimers();
      const client = stubClient({});
      const { provider, connection, events } = setup({ client });
      await provider.connect(connection);
      await events.publish({ ...event, topic: 'platform.other' });
      await jest.advanceTimersByTimeAsync(1000);
      expect(client.listResources).not.toHaveBeenCalled();
    });

    it('does not subscribe when events are disabled', async () => {
      const events = mockServices.events.mock();
      const provider = new PlatformEntityProvider({
        client: stubClient({}),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        taskRunner: { run: jest.fn() },
        config: { ...platformProviderDefaults, events: { enabled: false } },
        events,
      });
      await provider.connect({ applyMutation: jest.fn(), refresh: jest.fn() });
      expect(events.subscribe).not.toHaveBeenCalled();
    });

    it('subscribes to the platform.resource topic', async () => {
      const events = mockServices.events.mock();
      const provider = new PlatformEntityProvider({
        client: stubClient({}),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        taskRunner: { run: jest.fn() },
        config: platformProviderDefaults,
        events,
      });
      await provider.connect({ applyMutation: jest.fn(), refresh: jest.fn() });
      expect(events.subscribe).toHaveBeenCalledWith({
        id: 'platform-entity-provider',
        topics: ['platform.resource'],
        onEvent: expect.any(Function),
      });
    });

    it('drops a pending refresh on stop', async () => {
      jest.useFakeTimers();
      const client = stubClient({});
      const { provider, connection, events } = setup({ client });
      await provider.connect(connection);
      await events.publish(event);
      provider.stop();
      await jest.advanceTimersByTimeAsync(1000);
      expect(client.listResources).not.toHaveBeenCalled();
    });
  });

  describe('generated templates', () => {
    const handWritten = (kind: string) => ({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: `new-${kind}`, annotations: { 'fractal.dev/kind': kind } },
    });

    it('generates templates only for kinds without a hand-written one', async () => {
      const catalog = {
        getEntities: jest.fn(async () => ({ items: [handWritten('PostgreSQLInstance')] })),
      };
      const { provider, connection } = setup({ client: stubClient({ kinds }), catalog });
      await provider.connect(connection);
      await provider.refresh('schedule');

      expect(catalog.getEntities).toHaveBeenCalledWith(
        { filter: { kind: 'Template' }, fields: ['kind', 'metadata.name', 'metadata.annotations'] },
        { credentials: mockCredentials.service('plugin:catalog') },
      );
      const [mutation] = connection.applyMutation.mock.calls[0] as unknown as [unknown];
      expect(entityNames(mutation)).toContain('platform-bucket');
      expect(entityNames(mutation)).not.toContain('platform-postgresql-instance');
    });

    it('keeps the last known hand-written templates when the catalog does not answer', async () => {
      const catalog = {
        getEntities: jest
          .fn<Promise<{ items: unknown[] }>, []>()
          .mockResolvedValueOnce({ items: [handWritten('Bucket')] })
          .mockRejectedValueOnce(new Error('catalog unavailable')),
      } as unknown as Pick<CatalogService, 'getEntities'>;
      const { provider, connection } = setup({ client: stubClient({ kinds }), catalog });
      await provider.connect(connection);
      await provider.refresh('schedule');
      await provider.refresh('schedule');
      const calls = connection.applyMutation.mock.calls as unknown as Array<[unknown]>;
      for (const [mutation] of calls) {
        expect(entityNames(mutation)).toContain('platform-postgresql-instance');
        expect(entityNames(mutation)).not.toContain('platform-bucket');
      }
    });

    it('generates none until the catalog has answered once', async () => {
      const catalog = {
        getEntities: jest.fn(async () => {
          throw new Error('catalog unavailable');
        }),
      };
      const { provider, connection } = setup({ client: stubClient({ kinds }), catalog });
      await provider.connect(connection);
      await expect(provider.refresh('schedule')).resolves.toMatchObject({ mutation: 'full' });
      const [mutation] = connection.applyMutation.mock.calls[0] as unknown as [unknown];
      expect(entityNames(mutation).filter(n => n.startsWith('platform-'))).toEqual([]);
    });
  });
});
