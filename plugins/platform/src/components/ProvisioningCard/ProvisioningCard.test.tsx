import { SIGNAL_CHANNEL_RESOURCE_STATUS } from '@fractal/backstage-plugin-platform-common';
import { screen, waitFor } from '@testing-library/react';
import { MockPlatformApi } from '../../apis';
import { entities } from '../../__testUtils__/entities';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { createTestSignals } from '../../__testUtils__/signals';
import { ProvisioningCard } from './ProvisioningCard';

// Rendering a test app is slow on a busy machine; these tests wait for real debounces.
jest.setTimeout(30_000);

const NOW = Date.now();

function figure(label: string) {
  return screen.getByText(label).nextElementSibling?.textContent;
}

describe('ProvisioningCard', () => {
  it('shows a progress bar while loading', async () => {
    renderEntityCard(<ProvisioningCard />, {
      entity: entities.group,
      api: { getTenantMetrics: () => new Promise(() => {}) },
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it("shows the team's provisioning figures, trend and instances by kind", async () => {
    const api = new MockPlatformApi({ now: NOW });
    const getTenantMetrics = jest.spyOn(api, 'getTenantMetrics');
    renderEntityCard(<ProvisioningCard />, { entity: entities.group, api });

    const kinds = await screen.findByRole('list', {
      name: 'Instances by kind',
    });
    expect(getTenantMetrics).toHaveBeenCalledWith('payments', {
      from: expect.any(String),
      to: expect.any(String),
    });
    const [, window] = getTenantMetrics.mock.calls[0];
    expect(Date.parse(window.to) - Date.parse(window.from)).toBe(
      30 * 86_400_000,
    );
    const metrics = await getTenantMetrics.mock.results[0].value;
    expect(kinds.textContent).toContain(
      `PostgreSQLInstance: ${metrics.instancesByKind.PostgreSQLInstance}`,
    );
    expect(figure('In flight')).toBe(String(metrics.totals.inFlight));
    expect(figure('Stuck')).toBe(String(metrics.totals.stuck));
    expect(figure('Provisioning p50')).toMatch(/min|s$/);
    expect(
      screen.getByRole('img', { name: /^Daily median provisioning time/ }),
    ).toBeInTheDocument();
  });

  it('says so when nothing was provisioned in the window', async () => {
    renderEntityCard(<ProvisioningCard />, {
      entity: { ...entities.group, metadata: { name: 'analytics' } },
      api: new MockPlatformApi({ now: NOW }),
    });
    expect(
      await screen.findByText(
        'Nothing was provisioned for analytics in the last 30 days.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The team has no platform resources yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'No resource became Ready in the last 30 days.',
      }),
    ).toBeInTheDocument();
  });

  it('shows the error when the metrics cannot be loaded', async () => {
    renderEntityCard(<ProvisioningCard />, {
      entity: entities.group,
      api: {
        getTenantMetrics: async () => {
          throw new Error('not allowed to read metrics');
        },
      },
    });
    expect(
      await screen.findByText('Error: not allowed to read metrics'),
    ).toBeInTheDocument();
  });

  it.each([
    ['its own tenant', 'payments', 2],
    ['another tenant', 'search', 1],
  ])('refetches on a status signal of %s', async (_name, tenant, calls) => {
    const signals = createTestSignals();
    const api = new MockPlatformApi({ now: NOW });
    const getTenantMetrics = jest.spyOn(api, 'getTenantMetrics');
    renderEntityCard(<ProvisioningCard />, {
      entity: entities.group,
      api,
      signals,
    });
    await screen.findByRole('list', { name: 'Instances by kind' });
    signals.emit(SIGNAL_CHANNEL_RESOURCE_STATUS, {
      cluster: 'dev',
      uid: 'x',
      tenant,
      state: 'Ready',
    });
    await new Promise(resolve => setTimeout(resolve, 500));
    await waitFor(() => expect(getTenantMetrics).toHaveBeenCalledTimes(calls));
  });

  it('says it refreshes periodically when signals are not installed', async () => {
    renderEntityCard(<ProvisioningCard />, {
      entity: entities.group,
      api: new MockPlatformApi({ now: NOW }),
      signals: false,
    });
    expect(
      await screen.findByText(/^Refreshes every minute · updated/),
    ).toBeInTheDocument();
  });
});
