import { InputError } from '@backstage/errors';

/**
 * Faults of one emulated cluster. All are off by default; setting a new
 * value replaces the previous settings as a whole.
 */
export interface FaultSettings {
  /** Added to every request before it is answered (ms). */
  latencyMs?: number;
  /** Random extra latency in [0, latencyJitterMs) (ms). */
  latencyJitterMs?: number;
  /** Share of requests (0..1) answered with a 5xx Status instead (watches too). */
  errorRate?: number;
  /** The code of injected errors: 500 (InternalError, default), 502, 503 or 504. */
  errorCode?: 500 | 502 | 503 | 504;
  /** Close every open watch every N seconds (clients must resume from their resourceVersion). */
  dropWatchesEverySeconds?: number;
  /** Answer every watch that resumes from a resourceVersion with an ERROR 410 Expired event. */
  forceWatchExpired?: boolean;
  /** Delay each watch event, and each 16 KiB of other responses, by this much (ms). */
  slowStreamMs?: number;
  /** Close the listener (connections refused) for this long, then listen again (ms). */
  outageMs?: number;
}

const KEYS: Array<keyof FaultSettings> = [
  'latencyMs',
  'latencyJitterMs',
  'errorRate',
  'errorCode',
  'dropWatchesEverySeconds',
  'forceWatchExpired',
  'slowStreamMs',
  'outageMs',
];

/** Checks fault settings from config or an HTTP body; throws InputError. */
export function parseFaultSettings(input: unknown): FaultSettings {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new InputError('fault settings must be an object');
  }
  const out: FaultSettings = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (!KEYS.includes(key as keyof FaultSettings)) {
      throw new InputError(
        `unknown fault setting "${key}"; known: ${KEYS.join(', ')}`,
      );
    }
    if (value === null || value === undefined) continue;
    if (key === 'forceWatchExpired') {
      if (typeof value !== 'boolean')
        throw new InputError('forceWatchExpired must be a boolean');
      out.forceWatchExpired = value;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new InputError(`${key} must be a non-negative number`);
    }
    if (key === 'errorRate' && value > 1)
      throw new InputError('errorRate must be between 0 and 1');
    if (key === 'errorCode' && ![500, 502, 503, 504].includes(value)) {
      throw new InputError('errorCode must be one of 500, 502, 503, 504');
    }
    (out as Record<string, number>)[key] = value;
  }
  return out;
}

/** The current faults of a cluster and the decisions they imply. */
export class FaultState {
  private current: FaultSettings = {};
  private readonly listeners = new Set<
    (settings: FaultSettings, previous: FaultSettings) => void
  >();

  constructor(private readonly random: () => number = Math.random) {}

  get settings(): FaultSettings {
    return this.current;
  }

  set(settings: FaultSettings): void {
    const previous = this.current;
    this.current = { ...settings };
    for (const listener of this.listeners) listener(this.current, previous);
  }

  clear(): void {
    this.set({});
  }

  onChange(
    listener: (settings: FaultSettings, previous: FaultSettings) => void,
  ): void {
    this.listeners.add(listener);
  }

  /** The delay to add to a request (ms). */
  latency(): number {
    const base = this.current.latencyMs ?? 0;
    const jitter = this.current.latencyJitterMs ?? 0;
    return base + (jitter > 0 ? this.random() * jitter : 0);
  }

  /** Whether to fail this request; the code to fail it with. */
  injectedError(): number | undefined {
    const rate = this.current.errorRate ?? 0;
    if (rate > 0 && this.random() < rate) {
      return this.current.errorCode ?? 500;
    }
    return undefined;
  }

  get slowStreamMs(): number {
    return this.current.slowStreamMs ?? 0;
  }
}
