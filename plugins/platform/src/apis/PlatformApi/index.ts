export { platformApiRef } from './PlatformApi';
export type {
  CompileRequest,
  HistoryQuery,
  ListResourcesQuery,
  PlatformApi,
} from './PlatformApi';
export { PlatformClient } from './PlatformClient';
export { MockPlatformApi } from './MockPlatformApi';
export type { MockPlatformApiOptions } from './MockPlatformApi';
