import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { SIGNAL_CHANNEL_RESOURCE_STATUS } from '@fractal/backstage-plugin-platform-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockPlatformApi, PlatformApi, platformApiRef } from '../../apis';
import { createTestSignals } from '../../__testUtils__/signals';
import { ScoreboardPage } from './ScoreboardPage';

// Rendering a test app is slow on a busy machine; these tests wait for real debounces.
jest.setTimeout(30_000);

const DAY = 86_400_000;

function render(
  api: Partial<PlatformApi>,
  signals = createTestSignals(),
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const element = (
    <TestApiProvider
      apis={[
        [platformApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <ScoreboardPage />
    </TestApiProvider>
  );
  return permission
    ? renderInTestApp(element, {
        apis: [mockApis.permission({ authorize: permission })],
      })
    : renderInTestApp(element);
}

function figureCard(name: string) {
  return screen.getByRole('region', { name });
}

describe('ScoreboardPage', () => {
  it('shows progress bars while loading', async () => {
    const never = () => new Promise<never>(() => {});
    render({ getScoreboard: never, getAdoption: never, listClusters: never });
    expect((await screen.findAllByRole('progressbar')).length).toBeGreaterThan(
      0,
    );
  });

  it('shows the four product figures with their change vs the previous period', async () => {
    const api = new MockPlatformApi({ now: Date.now() });
    const getScoreboard = jest.spyOn(api, 'getScoreboard');
    render(api);
    await screen.findByRole('heading', { name: 'Provisioning time (p50)' });
    const board = await getScoreboard.mock.results[0].value;

    const p50 = figureCard('Provisioning time (p50)');
    expect(p50).toHaveTextContent(/vs previous 30 days|no comparison/);
    const rate = figureCard('Adoption rate');
    expect(rate).toHaveTextContent(
      `${Math.round(board.adoptionRate.current * 100)}%`,
    );
    expect(figureCard('Template success rate')).toBeInTheDocument();
    expect(figureCard('Toil eliminated')).toHaveTextContent(
      `${board.toilHoursEliminated.current} h`,
    );
    // The change is spelled out for assistive technology.
    expect(
      within(p50).getByText(/compared with the previous 30 days/),
    ).toBeInTheDocument();
  });

  it('loads the chosen window', async () => {
    const api = new MockPlatformApi({ now: Date.now() });
    const getScoreboard = jest.spyOn(api, 'getScoreboard');
    const getAdoption = jest.spyOn(api, 'getAdoption');
    render(api);
    await screen.findByRole('heading', { name: 'Provisioning time (p50)' });
    const span = (w: { from: string; to: string }) =>
      Math.round((Date.parse(w.to) - Date.parse(w.from)) / DAY);
    expect(span(getScoreboard.mock.calls[0][0])).toBe(30);

    const picker = screen.getByRole('group', { name: 'Time window' });
    expect(
      within(picker).getByRole('button', { name: 'Last 30 days' }),
    ).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(
      within(picker).getByRole('button', { name: 'Last 7 days' }),
    );
    await waitFor(() => expect(getScoreboard).toHaveBeenCalledTimes(2));
    expect(span(getScoreboard.mock.calls[1][0])).toBe(7);
    expect(span(getAdoption.mock.calls[1][0])).toBe(7);
    expect(
      await screen.findAllByText(
        /vs previous 7 days|no comparison with the previous 7 days/,
      ),
    ).not.toHaveLength(0);
  });

  it('shows adoption per team as a chart with a data table', async () => {
    render(new MockPlatformApi({ now: Date.now() }));
    expect(await screen.findByText(/teams use the platform/)).toHaveTextContent(
      'Not yet adopting: analytics.',
    );
    const chart = screen.getByRole('img', {
      name: 'Platform resources per team, by kind',
    });
    expect(chart).toHaveAccessibleDescription(/resources across 4 teams/);

    const figure = chart.closest('figure') as HTMLElement;
    await userEvent.click(
      within(figure).getByRole('button', { name: 'Show data table' }),
    );
    const table = within(figure).getByRole('table', {
      name: 'Platform resources per team, by kind (data)',
    });
    const analytics = within(table)
      .getByRole('rowheader', { name: 'analytics' })
      .closest('tr') as HTMLElement;
    expect(
      within(analytics)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(expect.arrayContaining(['0']));
    expect(
      within(figure).getByRole('button', { name: 'Hide data table' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows the provisioning time trend with a text alternative', async () => {
    render(new MockPlatformApi({ now: Date.now() }));
    const chart = await screen.findByRole('img', {
      name: 'Median provisioning time per day',
    });
    expect(chart).toHaveAccessibleDescription(
      /^Median provisioning time went from/,
    );
  });

  it('says when the backend reports no trend', async () => {
    const api = new MockPlatformApi({ now: Date.now() });
    const real = api.getScoreboard.bind(api);
    jest.spyOn(api, 'getScoreboard').mockImplementation(async w => ({
      ...(await real(w)),
      daily: undefined,
    }));
    render(api);
    expect(
      await screen.findByText(
        'The backend reports no daily trend for this window.',
      ),
    ).toBeInTheDocument();
  });

  it('lists the figures per team and the health of every cluster', async () => {
    render(new MockPlatformApi({ now: Date.now() }));
    const health = await screen.findByRole('table', { name: 'Cluster health' });
    const prodUs = within(health)
      .getByRole('rowheader', { name: 'prod-us' })
      .closest('tr') as HTMLElement;
    expect(prodUs).toHaveTextContent('Disconnected');
    expect(prodUs).toHaveTextContent('Not synced');
    expect(prodUs).toHaveTextContent('connect ECONNREFUSED 127.0.0.1:6445');
    expect(await screen.findByText('Per team')).toBeInTheDocument();
    expect(screen.getAllByText('payments').length).toBeGreaterThan(0);
  });

  it.each([
    ['scoreboard', 'getScoreboard', /teams use the platform/],
    ['adoption', 'getAdoption', /^Adoption rate$/],
    ['clusters', 'listClusters', /^Adoption rate$/],
  ] as const)(
    'shows an error when the %s cannot be loaded, and the rest',
    async (name, method, stillShown) => {
      const api = new MockPlatformApi({ now: Date.now() });
      jest
        .spyOn(api, method)
        .mockRejectedValue(new Error(`${name} unavailable`));
      render(api);
      expect(
        await screen.findByText(`Error: ${name} unavailable`),
      ).toBeInTheDocument();
      expect(await screen.findByText(stillShown)).toBeInTheDocument();
    },
  );

  it('refetches the figures after a status signal, debounced', async () => {
    const signals = createTestSignals();
    const api = new MockPlatformApi({ now: Date.now() });
    const getScoreboard = jest.spyOn(api, 'getScoreboard');
    const listClusters = jest.spyOn(api, 'listClusters');
    render(api, signals);
    await screen.findByRole('heading', { name: 'Provisioning time (p50)' });
    expect(getScoreboard).toHaveBeenCalledTimes(1);
    for (const uid of ['a', 'b', 'c']) {
      signals.emit(SIGNAL_CHANNEL_RESOURCE_STATUS, {
        cluster: 'dev',
        uid,
        tenant: 'payments',
        state: 'Ready',
      });
    }
    await waitFor(() => expect(getScoreboard).toHaveBeenCalledTimes(2), {
      timeout: 4000,
    });
    expect(listClusters).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/^Live · updated/)).toBeInTheDocument();
  });

  // The denied case is in ScopeNotice.test.tsx: usePermission caches answers
  // for the whole test file.
  it('does not qualify the figures for a platform admin', async () => {
    render(
      new MockPlatformApi({ now: Date.now() }),
      createTestSignals(),
      AuthorizeResult.ALLOW,
    );
    await screen.findByRole('heading', { name: 'Provisioning time (p50)' });
    expect(
      screen.queryByText(/The figures cover the teams you belong to/),
    ).not.toBeInTheDocument();
  });
});
