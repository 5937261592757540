import type { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { SIGNAL_CHANNEL_RESOURCE_STATUS } from '@fractal/backstage-plugin-platform-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockPlatformApi, platformApiRef, PlatformApi } from '../../apis';
import { entities } from '../../__testUtils__/entities';
import { createTestSignals } from '../../__testUtils__/signals';
import { PlatformResourcesCard } from './PlatformResourcesCard';

// Rendering a test app is slow on a busy machine; these tests wait for real debounces.
jest.setTimeout(30_000);

const NOW = Date.now();

function render(
  entity: Entity,
  api: Partial<PlatformApi>,
  signals = createTestSignals(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [platformApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <EntityProvider entity={entity}>
        <PlatformResourcesCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('PlatformResourcesCard', () => {
  it('shows a progress bar while loading', async () => {
    render(entities.component, {
      listResources: () => new Promise(() => {}),
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('lists the resources of a component with status, provisioning time and age', async () => {
    const api = new MockPlatformApi({ now: NOW });
    const listResources = jest.spyOn(api, 'listResources');
    render(entities.component, api);

    const table = await screen.findByRole('table', {
      name: 'Platform resources',
    });
    expect(listResources).toHaveBeenCalledWith({
      entityRef: 'component:default/orders-service',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      [
        'Cache',
        'dev',
        'In progress',
        expect.stringMatching(/^in progress for /),
        expect.any(String),
      ],
      [
        'PostgreSQLInstance',
        'prod-eu',
        'Ready',
        '7 min',
        expect.stringMatching(/ d$/),
      ],
    ]);
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent(
      'orders-cache',
    );
    expect(screen.getByText(/Live · updated/)).toBeInTheDocument();
  });

  it('explains how to create a resource when there is none', async () => {
    render(
      entities.componentWithoutResources,
      new MockPlatformApi({ now: NOW }),
    );
    expect(
      await screen.findByText('No platform resources yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/software templates/)).toBeInTheDocument();
  });

  it('shows the error when the resources cannot be loaded', async () => {
    render(entities.component, {
      listResources: async () => {
        throw new Error('backend unavailable');
      },
    });
    expect(
      await screen.findByText('Error: backend unavailable'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('still lists resources when their history cannot be read, and says so', async () => {
    const api = new MockPlatformApi({ now: NOW });
    jest
      .spyOn(api, 'getHistory')
      .mockRejectedValue(new Error('not allowed to read metrics'));
    render(entities.component, api);
    expect(
      await screen.findByRole('table', { name: 'Platform resources' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Provisioning times are unavailable: not allowed to read metrics/,
      ),
    ).toBeInTheDocument();
  });

  it('reads the history in pages until the last one', async () => {
    const api = new MockPlatformApi({ now: NOW });
    const { items: own } = await api.getHistory({ tenant: 'payments' });
    const filler = Array.from({ length: 5000 }, (_, i) => ({
      ...own[0],
      uid: `older-${i}`,
    }));
    const getHistory = jest
      .spyOn(api, 'getHistory')
      .mockResolvedValueOnce({ items: filler })
      .mockResolvedValueOnce({ items: own });
    render(entities.component, api);
    const table = await screen.findByRole('table', {
      name: 'Platform resources',
    });
    expect(getHistory.mock.calls.map(([q]) => q?.offset)).toEqual([0, 5000]);
    expect(within(table).getByText('7 min')).toBeInTheDocument();
  });

  it('describes the status reason and message, in a tooltip on hover and focus', async () => {
    render(entities.group, new MockPlatformApi({ now: NOW }));
    const table = await screen.findByRole('table', {
      name: 'Platform resources',
    });
    const chip = within(table).getByText('Failed').parentElement as HTMLElement;
    const detail =
      'ReconcileError: cannot create object store: storage quota exceeded in prod-us';
    expect(chip).toHaveAttribute('tabindex', '0');
    expect(chip).toHaveAccessibleDescription(detail);
    await userEvent.hover(chip);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(detail);
  });

  it('opens the details of a resource with its tree and Events', async () => {
    render(entities.component, new MockPlatformApi({ now: NOW }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'orders-db: show details' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'PostgreSQLInstance orders-db (prod-eu)',
    });
    const tree = await within(dialog).findByRole('list', {
      name: 'Resource tree',
    });
    expect(within(tree).getByText('XPostgreSQLInstance')).toBeInTheDocument();
    expect(within(tree).getByText('DatabaseInstance')).toBeInTheDocument();
    expect(
      within(dialog).getByRole('table', { name: 'Recent Events' }),
    ).toHaveTextContent('ComposeResources');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it.each([
    [
      'a shown resource changed',
      {
        cluster: 'prod-eu',
        uid: 'uid-prod-eu-orders-db',
        tenant: 'payments',
        state: 'Failed',
      },
      2,
    ],
    [
      'a resource of the owning tenant changed',
      { cluster: 'dev', uid: 'new', tenant: 'payments', state: 'InProgress' },
      2,
    ],
    [
      'another tenant changed',
      { cluster: 'dev', uid: 'other', tenant: 'search', state: 'Ready' },
      1,
    ],
  ])('refetches when %s: %p', async (_name, signal, calls) => {
    const signals = createTestSignals();
    const api = new MockPlatformApi({ now: NOW });
    const listResources = jest.spyOn(api, 'listResources');
    render(entities.component, api, signals);
    await screen.findByRole('table', { name: 'Platform resources' });
    expect(listResources).toHaveBeenCalledTimes(1);

    signals.emit(SIGNAL_CHANNEL_RESOURCE_STATUS, signal);
    // Debounced: wait past the debounce before judging.
    await new Promise(resolve => setTimeout(resolve, 500));
    await waitFor(() => expect(listResources).toHaveBeenCalledTimes(calls));
  });

  it('shows a state change pushed by a signal', async () => {
    const signals = createTestSignals();
    const api = new MockPlatformApi({ now: NOW });
    render(entities.component, api, signals);
    const table = await screen.findByRole('table', {
      name: 'Platform resources',
    });
    expect(within(table).queryByText('Failed')).not.toBeInTheDocument();

    const payload = api.setState(
      'prod-eu',
      'uid-prod-eu-orders-db',
      'Failed',
      NOW,
    );
    signals.emit(SIGNAL_CHANNEL_RESOURCE_STATUS, payload);
    expect(await within(table).findByText('Failed')).toBeInTheDocument();
  });
});
