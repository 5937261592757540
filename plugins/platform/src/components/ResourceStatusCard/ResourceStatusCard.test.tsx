import { SIGNAL_CHANNEL_RESOURCE_STATUS } from '@fractal/backstage-plugin-platform-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockPlatformApi } from '../../apis';
import { entities } from '../../__testUtils__/entities';
import { renderEntityCard } from '../../__testUtils__/renderEntityCard';
import { createTestSignals } from '../../__testUtils__/signals';
import { ResourceDetailsContent } from './ResourceDetailsContent';
import { platformResourceOf } from './platformResourceAnnotation';
import { ResourceStatusCard } from './ResourceStatusCard';

// Rendering a test app is slow on a busy machine; these tests wait for real debounces.
jest.setTimeout(30_000);

const NOW = Date.now();

describe('platformResourceOf', () => {
  it.each([
    ['prod-eu/uid-1', { cluster: 'prod-eu', uid: 'uid-1' }],
    ['prod-eu/', undefined],
    ['/uid-1', undefined],
    ['no-slash', undefined],
    [undefined, undefined],
  ])('%p -> %p', (value, expected) => {
    const annotations: Record<string, string> = value
      ? { 'fractal.dev/platform-resource': value }
      : {};
    const entity = {
      ...entities.resource,
      metadata: { name: 'r', annotations },
    };
    expect(platformResourceOf(entity)).toEqual(expected);
  });
});

describe('ResourceStatusCard', () => {
  it('shows a progress bar while loading', async () => {
    renderEntityCard(<ResourceStatusCard />, {
      entity: entities.resource,
      api: { getResource: () => new Promise(() => {}) },
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the live status of the resource the entity stands for', async () => {
    const api = new MockPlatformApi({ now: NOW });
    const getResource = jest.spyOn(api, 'getResource');
    renderEntityCard(<ResourceStatusCard />, {
      entity: entities.resource,
      api,
    });
    expect(await screen.findByText('Ready')).toBeInTheDocument();
    expect(getResource).toHaveBeenCalledWith(
      'prod-eu',
      'uid-prod-eu-orders-db',
    );
    expect(
      screen.getByText('PostgreSQLInstance in prod-eu / tenant-payments'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Provisioning time: 7 min/)).toBeInTheDocument();
    expect(
      screen.getByText(/4 of 4 objects in its tree are Ready/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show tree and Events' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'PostgreSQLInstance orders-db (prod-eu)',
    });
    expect(
      await within(dialog).findByRole('list', { name: 'Resource tree' }),
    ).toBeInTheDocument();
  });

  it('explains the missing annotation', async () => {
    renderEntityCard(<ResourceStatusCard />, {
      entity: { ...entities.resource, metadata: { name: 'plain' } },
      api: new MockPlatformApi({ now: NOW }),
    });
    expect(
      await screen.findByText(/fractal.dev\/platform-resource/),
    ).toBeInTheDocument();
  });

  it('shows the error when the resource cannot be loaded', async () => {
    renderEntityCard(<ResourceStatusCard />, {
      entity: entities.resource,
      api: {
        getResource: async () => {
          throw new Error('No platform resource prod-eu/uid-prod-eu-orders-db');
        },
      },
    });
    expect(
      await screen.findByText(
        'Error: No platform resource prod-eu/uid-prod-eu-orders-db',
      ),
    ).toBeInTheDocument();
  });

  it('follows a state change pushed for its resource', async () => {
    const signals = createTestSignals();
    const api = new MockPlatformApi({ now: NOW });
    renderEntityCard(<ResourceStatusCard />, {
      entity: entities.resource,
      api,
      signals,
    });
    expect(await screen.findByText('Ready')).toBeInTheDocument();
    signals.emit(
      SIGNAL_CHANNEL_RESOURCE_STATUS,
      api.setState('prod-eu', 'uid-prod-eu-orders-db', 'Terminating', NOW),
    );
    expect(await screen.findByText('Terminating')).toBeInTheDocument();
  });
});

describe('ResourceDetailsContent', () => {
  it('shows conditions, tree, Events and history of the resource', async () => {
    renderEntityCard(<ResourceDetailsContent />, {
      entity: entities.resource,
      api: new MockPlatformApi({ now: NOW }),
    });
    expect(
      await screen.findByRole('table', { name: 'Conditions' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Resource tree' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Recent Events' }),
    ).toBeInTheDocument();
    const history = screen.getByRole('table', { name: 'Provisioning history' });
    expect(
      within(history).getByRole('rowheader', { name: '1' }),
    ).toBeInTheDocument();
    expect(history).toHaveTextContent('ready');
  });
});
