/** Options of {@link Backoff}. */
export interface BackoffOptions {
  /** First delay. */
  initialMs: number;
  /** Cap of the delay before jitter. */
  maxMs: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Source of randomness in [0, 1), injectable for tests. Default `Math.random`. */
  random?: () => number;
}

/**
 * Capped exponential backoff with "equal jitter": the n-th delay is drawn
 * uniformly from [d/2, d) where d = min(max, initial * factor^n), so retries
 * of many informers spread out yet never collapse to zero.
 */
export class Backoff {
  private attempt = 0;
  private readonly factor: number;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.factor = options.factor ?? 2;
    this.random = options.random ?? Math.random;
  }

  /** Number of delays handed out since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** The next delay in milliseconds. */
  next(): number {
    const base = Math.min(
      this.options.maxMs,
      this.options.initialMs * this.factor ** this.attempt,
    );
    this.attempt += 1;
    const half = base / 2;
    return Math.round(half + this.random() * half);
  }

  /** Starts over at the initial delay, after a success. */
  reset(): void {
    this.attempt = 0;
  }
}
