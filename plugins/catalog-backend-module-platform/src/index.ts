/***/
/**
 * The platform-provider module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModulePlatform as default } from './module';
