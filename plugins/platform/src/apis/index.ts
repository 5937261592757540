export * from './PlatformApi';
