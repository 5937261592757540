export type {
  PlatformDefaultsLayers,
  PlatformDefaultsQuery,
  PlatformDefaultsSource,
} from './PlatformDefaultsSource';
export {
  DefaultPlatformDefaultsService,
  type PlatformDefaultsService,
  type PlatformDefaultsSourceFactory,
} from './PlatformDefaultsService';
export { ConfigPlatformDefaultsSource } from './ConfigPlatformDefaultsSource';
export {
  readPlatformDefaults,
  type KindDefaults,
} from './readPlatformDefaults';
export { platformDefaultsServiceRef } from './platformDefaultsServiceRef';
export {
  platformDefaultsExtensionPoint,
  createPlatformDefaultsExtension,
  type PlatformDefaultsExtensionPoint,
} from './platformDefaultsExtensionPoint';
