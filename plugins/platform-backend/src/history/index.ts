export {
  createHistoryModule,
  type HistoryModule,
  type HistoryModuleOptions,
  type TenantGroupSource,
} from './createHistoryModule';
export type { ProvisioningEvent } from './ProvisioningEvent';
export type { LiveResourceSnapshot } from './ResourceSweeper';
export type { ResourceStateSample } from '../telemetry/ProvisioningTelemetry';
