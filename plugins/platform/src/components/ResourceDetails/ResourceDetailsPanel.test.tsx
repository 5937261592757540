import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { SIGNAL_CHANNEL_RESOURCE_STATUS } from '@fractal/backstage-plugin-platform-common';
import { screen, waitFor, within } from '@testing-library/react';
import { MockPlatformApi, PlatformApi, platformApiRef } from '../../apis';
import { createTestSignals } from '../../__testUtils__/signals';
import { ResourceDetailsPanel } from './ResourceDetailsPanel';

jest.setTimeout(30_000);

const CLUSTER = 'prod-us';
const UID = 'uid-prod-us-receipts';

function render(api: Partial<PlatformApi>, signals = createTestSignals()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [platformApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <ResourceDetailsPanel cluster={CLUSTER} uid={UID} />
    </TestApiProvider>,
  );
}

describe('ResourceDetailsPanel', () => {
  it.each([
    [
      'loading',
      { getResource: () => new Promise<never>(() => {}) },
      () => screen.findByRole('progressbar'),
    ],
    [
      'error',
      {
        getResource: async () => {
          throw new Error('No platform resource prod-us/uid-prod-us-receipts');
        },
      },
      () =>
        screen.findByText(
          'Error: No platform resource prod-us/uid-prod-us-receipts',
        ),
    ],
    [
      'data',
      new MockPlatformApi(),
      () => screen.findByRole('list', { name: 'Resource tree' }),
    ],
  ] as const)('shows the %s state', async (_name, api, find) => {
    render(api);
    expect(await find()).toBeInTheDocument();
  });

  it('shows a failed resource: its warning Events and the missing tree node', async () => {
    render(new MockPlatformApi());
    const events = await screen.findByRole('table', { name: 'Recent Events' });
    const warning = within(events)
      .getByText('CannotCreateExternalResource')
      .closest('tr') as HTMLElement;
    expect(warning).toHaveTextContent('Warning');
    expect(warning).toHaveTextContent('storage quota exceeded in prod-us');
    expect(warning).toHaveTextContent('14');
    const tree = screen.getByRole('list', { name: 'Resource tree' });
    expect(
      within(tree).getByText('not found in the cluster yet'),
    ).toBeInTheDocument();
    expect(within(tree).getAllByText('Failed')).toHaveLength(3);
    const history = screen.getByRole('table', { name: 'Provisioning history' });
    expect(history).toHaveTextContent(
      'ReconcileError: cannot create object store',
    );
  });

  it.each([
    ['this resource', UID, 2],
    ['another resource', 'uid-other', 1],
  ])('refetches on a signal about %s only', async (_name, uid, calls) => {
    const signals = createTestSignals();
    const api = new MockPlatformApi();
    const getResource = jest.spyOn(api, 'getResource');
    render(api, signals);
    await screen.findByRole('list', { name: 'Resource tree' });
    signals.emit(SIGNAL_CHANNEL_RESOURCE_STATUS, {
      cluster: CLUSTER,
      uid,
      tenant: 'payments',
      state: 'Ready',
    });
    await new Promise(resolve => setTimeout(resolve, 500));
    await waitFor(() => expect(getResource).toHaveBeenCalledTimes(calls));
  });
});
