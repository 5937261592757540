/**
 * A Kubernetes API server emulator with a simulated Crossplane-like platform
 * operator and fault injection, for local development and tests. Production
 * uses real clusters.
 *
 * @packageDocumentation
 */

export { startEmulator } from './startEmulator';
export type { RunningEmulator, EmulatorClusterInfo } from './startEmulator';
export type {
  EmulatorOptions,
  EmulatorClusterOptions,
  SeedOptions,
  OperatorOptions,
  WatchOptions,
} from './config/EmulatorOptions';
export type { ClusterHandle } from './cluster/ClusterHandle';
export type { FaultSettings } from './faults/FaultState';
export type { DelaySpec } from './operator/timing';
export type {
  GroundTruthRecord,
  GroundTruthOutcome,
} from './operator/GroundTruthLog';
export type { Identity, Role } from './auth/identities';
export type { WriteOptions } from './service/ObjectService';
export type { EmulatorLogger } from './util/logger';
export { consoleLogger, silentLogger } from './util/logger';
export { StatusError } from './api/StatusError';
export type { StatusBody, StatusCause } from './api/StatusError';
export { loadConfigFile } from './config/loadConfigFile';
export { DEMO_CLUSTERS, DEMO_TENANTS, PLATFORM_TEAM } from './demo/demoOrg';
export { demoPlatformCrds } from './demo/platformCrds';
export { CLAIM_FINALIZER } from './operator/PlatformReconciler';
