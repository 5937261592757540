import { InputError } from '@backstage/errors';
import { Random } from '../util/random';

/**
 * A delay distribution. A plain number is a fixed delay in ms.
 * `lognormal` is set by its median and 95th percentile.
 */
export type DelaySpec =
  | number
  | { distribution: 'fixed'; ms: number }
  | { distribution: 'uniform'; minMs: number; maxMs: number }
  | {
      distribution: 'lognormal';
      medianMs: number;
      p95Ms: number;
      maxMs?: number;
    };

const Z95 = 1.6448536269514722;

function nonNegative(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(
      `${name} must be a non-negative number of milliseconds`,
    );
  }
  return value;
}

/** Checks a delay spec from config; throws InputError. */
export function parseDelaySpec(input: unknown, name: string): DelaySpec {
  if (typeof input === 'number') return nonNegative(input, name);
  if (typeof input !== 'object' || input === null) {
    throw new InputError(
      `${name} must be a number of ms or a distribution object`,
    );
  }
  const spec = input as Record<string, unknown>;
  switch (spec.distribution) {
    case 'fixed':
      return { distribution: 'fixed', ms: nonNegative(spec.ms, `${name}.ms`) };
    case 'uniform': {
      const minMs = nonNegative(spec.minMs, `${name}.minMs`);
      const maxMs = nonNegative(spec.maxMs, `${name}.maxMs`);
      if (maxMs < minMs)
        throw new InputError(`${name}.maxMs must not be below minMs`);
      return { distribution: 'uniform', minMs, maxMs };
    }
    case 'lognormal': {
      const medianMs = nonNegative(spec.medianMs, `${name}.medianMs`);
      const p95Ms = nonNegative(spec.p95Ms, `${name}.p95Ms`);
      if (p95Ms < medianMs)
        throw new InputError(`${name}.p95Ms must not be below medianMs`);
      const maxMs =
        spec.maxMs === undefined
          ? undefined
          : nonNegative(spec.maxMs, `${name}.maxMs`);
      return { distribution: 'lognormal', medianMs, p95Ms, maxMs };
    }
    default:
      throw new InputError(
        `${name}.distribution must be fixed, uniform or lognormal`,
      );
  }
}

/** Draws one delay (ms) from a distribution. */
export function sampleDelay(spec: DelaySpec, random: Random): number {
  if (typeof spec === 'number') return spec;
  switch (spec.distribution) {
    case 'fixed':
      return spec.ms;
    case 'uniform':
      return spec.minMs + random.next() * (spec.maxMs - spec.minMs);
    case 'lognormal': {
      if (spec.medianMs === 0) return 0;
      const sigma =
        Math.log(Math.max(spec.p95Ms, spec.medianMs) / spec.medianMs) / Z95;
      const value = spec.medianMs * Math.exp(sigma * random.normal());
      return Math.min(value, spec.maxMs ?? spec.p95Ms * 4);
    }
    default:
      return 0;
  }
}

/** How the simulated operator behaves. */
export interface OperatorTiming {
  /** Provisioning delay per claim kind; `default` for kinds not listed. */
  delays: Record<string, DelaySpec>;
  /** Delay between a claim's deletion and its finalizer's removal. */
  deletionDelay: DelaySpec;
  /** Share of attempts (0..1) that fail with ReconcileError. */
  failureRate: number;
  /** Share of attempts (0..1) that never become Ready. */
  stuckRate: number;
}

/** Live demo timing: seconds, so a new claim visibly becomes Ready. */
export const DEFAULT_OPERATOR_TIMING: OperatorTiming = {
  delays: {
    default: { distribution: 'lognormal', medianMs: 8000, p95Ms: 20000 },
    PostgreSQLInstance: {
      distribution: 'lognormal',
      medianMs: 15000,
      p95Ms: 40000,
    },
    Bucket: { distribution: 'lognormal', medianMs: 4000, p95Ms: 9000 },
    Cache: { distribution: 'lognormal', medianMs: 10000, p95Ms: 25000 },
    Application: { distribution: 'lognormal', medianMs: 6000, p95Ms: 15000 },
  },
  deletionDelay: { distribution: 'uniform', minMs: 1000, maxMs: 3000 },
  failureRate: 0.05,
  stuckRate: 0.02,
};

/** What an attempt will do. */
export type PlannedOutcome = 'ready' | 'failed' | 'stuck';

/** Decides an attempt's outcome and delay. */
export function planAttempt(
  timing: OperatorTiming,
  kind: string,
  random: Random,
): { outcome: PlannedOutcome; delayMs: number } {
  const roll = random.next();
  let outcome: PlannedOutcome = 'ready';
  if (roll < timing.failureRate) outcome = 'failed';
  else if (roll < timing.failureRate + timing.stuckRate) outcome = 'stuck';
  const spec = timing.delays[kind] ?? timing.delays.default ?? 0;
  const delay = sampleDelay(spec, random);
  return {
    outcome,
    delayMs: Math.round(outcome === 'failed' ? delay * 0.6 : delay),
  };
}
