import { Identity } from '../auth/identities';
import { FaultSettings } from '../faults/FaultState';
import { DelaySpec } from '../operator/timing';
import { EmulatorLogger } from '../util/logger';

/** One emulated cluster. */
export interface EmulatorClusterOptions {
  /** Cluster (and kubeconfig context) name. */
  name: string;
  /** Environment the cluster stands for, e.g. `development` or `production`. */
  environment?: string;
  /** HTTPS port on `host`; 0 picks a free port (tests must use 0). Default 0. */
  port?: number;
  /** Faults active from the start (default none). */
  faults?: FaultSettings;
}

/** The seeded history. */
export interface SeedOptions {
  /** Days of history before now (default 90). */
  historyDays?: number;
  /** Claims across all clusters (default 300). */
  resources?: number;
}

/** The simulated platform operator. */
export interface OperatorOptions {
  /** Run the operator (default true). Without it claims stay unreconciled. */
  enabled?: boolean;
  /**
   * Provisioning delay per claim kind (`PostgreSQLInstance`, ...) and
   * `default`. A number is a fixed delay in ms; otherwise
   * `{ distribution: 'fixed', ms }`, `{ distribution: 'uniform', minMs, maxMs }`
   * or `{ distribution: 'lognormal', medianMs, p95Ms, maxMs? }`.
   */
  delays?: Record<string, DelaySpec>;
  /** Delay from a claim's deletion to its finalizer's removal. */
  deletionDelay?: DelaySpec;
  /** Share of attempts (0..1) that fail (default 0.05). */
  failureRate?: number;
  /** Share of attempts (0..1) that never become Ready (default 0.02). */
  stuckRate?: number;
}

/** Watch behaviour. */
export interface WatchOptions {
  /** Events kept per resource for resuming watches and paging lists (default 10000). */
  historySize?: number;
  /** Interval of BOOKMARK events when a client allows them (default 60000 ms). */
  bookmarkIntervalMs?: number;
  /** Watch length when the client sets no timeoutSeconds (default 1800 s, randomised up to twice). */
  defaultTimeoutSeconds?: number;
}

/** Everything `startEmulator` accepts; every field is optional. */
export interface EmulatorOptions {
  /** The clusters (default: dev :6443, prod-eu :6444, prod-us :6445). */
  clusters?: EmulatorClusterOptions[];
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Where the CA, kubeconfig, ground truth and state live (default `<repo>/.data/emulator`). */
  stateDir?: string;
  /** Install the demo platform: CRDs and tenant namespaces (default true). */
  platform?: boolean;
  /** Tenants (default payments, checkout, search, identity, analytics). */
  tenants?: string[];
  /** Seed the demo history: false for none (default true: 90 days, 300 claims). */
  seed?: boolean | SeedOptions;
  /** Seed of every pseudo-random choice; the same seed gives the same history (default 42). */
  randomSeed?: number | string;
  operator?: OperatorOptions;
  /** Bearer-token identities (default the demo ones: token of X is `X-token`). */
  identities?: Identity[];
  /** Keep objects in `state.json` across restarts (default false). */
  persist?: boolean;
  watch?: WatchOptions;
  /** How long Events live (default 1 hour). */
  eventTtlMs?: number;
  /** Logger (default: silent). */
  logger?: EmulatorLogger;
}
