/**
 * Fractal's scaffolder actions: compile form input and layered defaults into
 * platform resources, apply them with server-side apply, and wait until they
 * are Ready.
 *
 * @packageDocumentation
 */

export { scaffolderModule as default } from './module';
