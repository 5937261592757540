/**
 * Isomorphic types, permissions, keys and pure cores of Fractal's platform plugin.
 *
 * @packageDocumentation
 */

export * from './keys';
export * from './permissions';
export * from './api/types';
export * from './status';
export * from './tree';
export * from './metrics';
export * from './compile';
export * from './tenants';
