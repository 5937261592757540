import { InputError } from '@backstage/errors';
import type { DefaultsLayer } from '../api/types';

/** One invalid field, for forms and other UIs. @public */
export interface FieldError {
  /** Field path as {@link formatFieldPath} writes it, e.g. `spec.parameters.storageGB`; or an input name such as `name` or `tenant`. */
  path: string;
  /** What is wrong, e.g. `must be <= 1000`. */
  message: string;
  /** The layer the offending value came from, when known. */
  layer?: DefaultsLayer;
}

/**
 * The error compile throws for any invalid input: an `InputError` (its `name`
 * is `InputError`, so Backstage's error handling answers 400) whose message
 * names every invalid field, with the same list structured in `fieldErrors`.
 * @public
 */
export class CompileInputError extends InputError {
  readonly fieldErrors: FieldError[];

  constructor(subject: string, fieldErrors: FieldError[]) {
    const listed = fieldErrors
      .slice(0, 10)
      .map(
        e =>
          `${e.path} ${e.message}${
            e.layer && e.layer !== 'user'
              ? ` (from the ${e.layer} defaults)`
              : ''
          }`,
      );
    const more =
      fieldErrors.length > 10 ? `; and ${fieldErrors.length - 10} more` : '';
    super(`Invalid ${subject}: ${listed.join('; ')}${more}`);
    this.fieldErrors = fieldErrors;
  }
}

/**
 * The structured field errors of an error thrown by compile, also when the
 * error crossed a package boundary (checked by shape, not by class).
 * @public
 */
export function fieldErrorsOf(error: unknown): FieldError[] | undefined {
  if (!InputError.is(error)) return undefined;
  const list = (error as { fieldErrors?: unknown }).fieldErrors;
  return Array.isArray(list) ? (list as FieldError[]) : undefined;
}
