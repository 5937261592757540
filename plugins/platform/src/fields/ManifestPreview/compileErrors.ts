import { ResponseError } from '@backstage/errors';
import type { DefaultsLayer } from '@fractal/backstage-plugin-platform-common';

/** One invalid field named by the compile. */
export interface PreviewFieldError {
  path: string;
  message: string;
  layer?: DefaultsLayer;
}

/** What the preview shows for a failed compile. */
export interface PreviewFailure {
  /** True for input errors (HTTP 400): the form needs fixing. */
  invalidInput: boolean;
  message: string;
  fieldErrors: PreviewFieldError[];
}

function isFieldError(value: unknown): value is PreviewFieldError {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { path, message } = value as Record<string, unknown>;
  return typeof path === 'string' && typeof message === 'string';
}

/** Field errors of a compile error: its `fieldErrors` list, if well formed. */
function fieldErrorsOf(error: unknown): PreviewFieldError[] {
  if (typeof error !== 'object' || error === null) {
    return [];
  }
  const list = (error as { fieldErrors?: unknown }).fieldErrors;
  return Array.isArray(list) ? list.filter(isFieldError) : [];
}

/**
 * Reads a failed compile: a `ResponseError` from the backend (whose
 * serialized `InputError` carries `fieldErrors: [{ path, message, layer? }]`)
 * or an error thrown in the browser (the mock API).
 */
export function describeCompileFailure(error: Error): PreviewFailure {
  if (ResponseError.is(error)) {
    const remote = error.body?.error ?? error.cause;
    return {
      invalidInput: error.statusCode === 400,
      message: remote?.message ?? error.message,
      fieldErrors: fieldErrorsOf(remote),
    };
  }
  return {
    invalidInput: error.name === 'InputError',
    message: error.message,
    fieldErrors: fieldErrorsOf(error),
  };
}
