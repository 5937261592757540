import { useSignal } from '@backstage/plugin-signals-react';
import { SIGNAL_CHANNEL_RESOURCE_STATUS } from '@fractal/backstage-plugin-platform-common';
import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { ResourceStatusSignal } from './ResourceStatusSignal';

/** Options of {@link useLiveQuery}. */
export interface LiveQueryOptions {
  /**
   * Whether a status signal concerns the loaded data; only relevant signals
   * trigger a refetch (default: every signal).
   */
  isRelevant?: (signal: ResourceStatusSignal) => boolean;
  /** Signals arriving within this many milliseconds cause one refetch. */
  debounceMs?: number;
  /** Refresh interval when the signals plugin is not installed. */
  fallbackPollMs?: number;
  /**
   * Refresh interval regardless of signals, for data that no signal
   * announces (e.g. cluster health).
   */
  pollMs?: number;
}

/** State of a {@link useLiveQuery}. */
export interface LiveQueryState<T> {
  value?: T;
  /** The last load's error; `value` keeps the last good data, if any. */
  error?: Error;
  /** True while the first load (or a load after `deps` changed) runs. */
  loading: boolean;
  /** When the data was last loaded successfully (epoch ms). */
  updatedAt?: number;
  /** True when changes are pushed by signals, false when polled. */
  live: boolean;
  /** Loads again now. */
  refresh: () => void;
}

/** Default debounce of signal-triggered refetches. */
export const DEFAULT_SIGNAL_DEBOUNCE_MS = 300;
/** Default refresh interval without signals. */
export const DEFAULT_FALLBACK_POLL_MS = 60_000;

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Loads data and keeps it fresh: refetches (debounced) when a relevant
 * `platform:resource-status` signal arrives, or polls slowly when signals are
 * not available. Responses that arrive out of order are dropped.
 */
export function useLiveQuery<T>(
  fetcher: () => Promise<T>,
  deps: DependencyList,
  options: LiveQueryOptions = {},
): LiveQueryState<T> {
  const {
    debounceMs = DEFAULT_SIGNAL_DEBOUNCE_MS,
    fallbackPollMs = DEFAULT_FALLBACK_POLL_MS,
    pollMs,
  } = options;
  const [state, setState] = useState<{
    value?: T;
    error?: Error;
    loading: boolean;
    updatedAt?: number;
  }>({ loading: true });
  const sequence = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const isRelevantRef = useRef(options.isRelevant);
  isRelevantRef.current = options.isRelevant;

  const load = useCallback(async () => {
    const id = ++sequence.current;
    try {
      const value = await fetcherRef.current();
      if (id === sequence.current) {
        setState({ value, loading: false, updatedAt: Date.now() });
      }
    } catch (error) {
      if (id === sequence.current) {
        setState(current => ({
          ...current,
          error: toError(error),
          loading: false,
        }));
      }
    }
  }, []);

  useEffect(() => {
    setState({ loading: true });
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const { lastSignal, isSignalsAvailable } = useSignal<ResourceStatusSignal>(
    SIGNAL_CHANNEL_RESOURCE_STATUS,
  );

  const debounceTimer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    const isRelevant = isRelevantRef.current;
    if (!lastSignal || (isRelevant && !isRelevant(lastSignal))) {
      return;
    }
    // Trailing debounce: a burst of relevant signals causes one refetch. An
    // irrelevant signal must not cancel a pending one, so the timer lives in
    // a ref rather than in this effect's cleanup.
    clearTimeout(debounceTimer.current);
    debounceTimer.current = setTimeout(load, debounceMs);
  }, [lastSignal, load, debounceMs]);
  useEffect(() => () => clearTimeout(debounceTimer.current), []);

  const interval = pollMs ?? (isSignalsAvailable ? undefined : fallbackPollMs);
  useEffect(() => {
    if (interval === undefined) {
      return undefined;
    }
    const timer = setInterval(load, interval);
    return () => clearInterval(timer);
  }, [interval, load]);

  return { ...state, live: isSignalsAvailable, refresh: load };
}
