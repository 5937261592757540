import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { SIGNAL_CHANNEL_RESOURCE_STATUS } from '@fractal/backstage-plugin-platform-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { createTestSignals } from '../__testUtils__/signals';
import { LiveQueryOptions, useLiveQuery } from './useLiveQuery';

const signal = (tenant: string, uid = 'u1') => ({
  cluster: 'dev',
  uid,
  tenant,
  state: 'Ready',
});

function setup(
  fetcher: () => Promise<string>,
  options: LiveQueryOptions,
  signals?: ReturnType<typeof createTestSignals>,
) {
  const wrapper = ({ children }: { children: ReactNode }) =>
    signals ? (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    ) : (
      <TestApiProvider apis={[]}>{children}</TestApiProvider>
    );
  return renderHook(() => useLiveQuery(fetcher, [], options), { wrapper });
}

describe('useLiveQuery', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('loads, then reports the value and when it was loaded', async () => {
    const { result } = setup(async () => 'v1', {}, createTestSignals());
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.value).toBe('v1'));
    expect(result.current.loading).toBe(false);
    expect(result.current.updatedAt).toEqual(expect.any(Number));
    expect(result.current.live).toBe(true);
  });

  it('keeps the last good value when a refresh fails', async () => {
    let call = 0;
    const { result } = setup(
      async () => {
        call += 1;
        if (call > 1) throw new Error('refresh failed');
        return 'v1';
      },
      {},
      createTestSignals(),
    );
    await waitFor(() => expect(result.current.value).toBe('v1'));
    await act(async () => {
      result.current.refresh();
    });
    await waitFor(() =>
      expect(result.current.error?.message).toBe('refresh failed'),
    );
    expect(result.current.value).toBe('v1');
  });

  it('refetches once for a burst of relevant signals, ignoring irrelevant ones', async () => {
    jest.useFakeTimers();
    const signals = createTestSignals();
    const fetcher = jest.fn(async () => 'v');
    setup(
      fetcher,
      { debounceMs: 100, isRelevant: s => s.tenant === 'payments' },
      signals,
    );
    await act(async () => {});
    expect(fetcher).toHaveBeenCalledTimes(1);

    signals.emit(SIGNAL_CHANNEL_RESOURCE_STATUS, signal('payments', 'a'));
    act(() => jest.advanceTimersByTime(50));
    signals.emit(SIGNAL_CHANNEL_RESOURCE_STATUS, signal('payments', 'b'));
    act(() => jest.advanceTimersByTime(50));
    // An irrelevant signal must not cancel the pending refetch.
    signals.emit(SIGNAL_CHANNEL_RESOURCE_STATUS, signal('search', 'c'));
    await act(async () => {
      jest.advanceTimersByTime(100);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);

    signals.emit(SIGNAL_CHANNEL_RESOURCE_STATUS, signal('search', 'd'));
    await act(async () => {
      jest.advanceTimersByTime(1000);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['without signals it polls at the fallback interval', false, {}, 60_000],
    ['with signals it does not poll', true, {}, undefined],
    ['with pollMs it polls even with signals', true, { pollMs: 5_000 }, 5_000],
  ] as const)('%s', async (_name, withSignals, options, interval) => {
    jest.useFakeTimers();
    const fetcher = jest.fn(async () => 'v');
    const { result } = setup(
      fetcher,
      options,
      withSignals ? createTestSignals() : undefined,
    );
    await act(async () => {});
    expect(result.current.live).toBe(withSignals);
    expect(fetcher).toHaveBeenCalledTimes(1);
    await act(async () => {
      jest.advanceTimersByTime(interval ?? 120_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(interval ? 2 : 1);
  });

  it('drops an answer that arrives after a newer one', async () => {
    const resolvers: Array<(value: string) => void> = [];
    const { result } = setup(
      () => new Promise<string>(resolve => resolvers.push(resolve)),
      {},
      createTestSignals(),
    );
    await act(async () => {
      result.current.refresh();
    });
    await act(async () => {
      resolvers[1]('new');
    });
    await waitFor(() => expect(result.current.value).toBe('new'));
    await act(async () => {
      resolvers[0]('old');
    });
    expect(result.current.value).toBe('new');
  });
});
