import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FakeClock } from '../informers/__testUtils__/FakeClock';
import { TenantDirectory } from './TenantDirectory';

const group = (name: string, type: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type, children: [] },
});

describe('TenantDirectory', () => {
  it('reads the Groups of the tenant type, then refreshes', async () => {
    const clock = new FakeClock();
    const catalog = catalogServiceMock({
      entities: [
        group('search', 'team'),
        group('payments', 'team'),
        group('eng', 'department'),
      ],
    });
    const directory = new TenantDirectory({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      groupType: 'team',
      refreshIntervalMs: 60_000,
      clock,
    });
    expect(directory.isLoaded()).toBe(false);
    directory.start();
    await clock.advance(0);
    expect(directory.list()).toEqual(['payments', 'search']);
    expect(directory.isLoaded()).toBe(true);
    const spy = jest.spyOn(catalog, 'getEntities');
    await clock.advance(60_000);
    expect(spy).toHaveBeenCalledTimes(1);
    directory.stop();
    await clock.advance(600_000);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('keeps the last list when the catalog fails', async () => {
    const catalog = catalogServiceMock({
      entities: [group('payments', 'team')],
    });
    const logger = mockServices.logger.mock();
    const directory = new TenantDirectory({
      catalog,
      auth: mockServices.auth(),
      logger,
      groupType: 'team',
      refreshIntervalMs: 1000,
    });
    await directory.refresh();
    jest
      .spyOn(catalog, 'getEntities')
      .mockRejectedValue(new Error('catalog down'));
    await directory.refresh();
    expect(directory.list()).toEqual(['payments']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('catalog down'),
    );
  });

  it('reads again every few seconds while the catalog has no tenant Groups yet', async () => {
    const clock = new FakeClock();
    const catalog = catalogServiceMock({ entities: [] });
    const spy = jest.spyOn(catalog, 'getEntities');
    const directory = new TenantDirectory({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      groupType: 'team',
      refreshIntervalMs: 300_000,
      emptyRetryMs: 5_000,
      clock,
    });
    directory.start();
    await clock.advance(0);
    expect(directory.isLoaded()).toBe(true);
    expect(directory.list()).toEqual([]);
    await clock.advance(5_000);
    expect(spy).toHaveBeenCalledTimes(2);
    // The catalog ingests the Groups: found on the next quick read, then
    // only the normal interval.
    spy.mockResolvedValue({ items: [group('payments', 'team')] });
    await clock.advance(5_000);
    expect(directory.list()).toEqual(['payments']);
    expect(spy).toHaveBeenCalledTimes(3);
    await clock.advance(200_000);
    expect(spy).toHaveBeenCalledTimes(3);
    await clock.advance(100_000);
    expect(spy).toHaveBeenCalledTimes(4);
    directory.stop();
  });
});
