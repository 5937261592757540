import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

const ENTITY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * The tenant Group a `tenant` input names: `payments` or
 * `group:default/payments` give `{ name: 'payments', ref:
 * 'group:default/payments' }`. Anything that is not a Group ref with a valid
 * entity name is an `InputError` naming the `tenant` field. The scaffolder
 * actions and the compile preview read the field with it.
 * @public
 */
export function parseTenantRef(input: string): { name: string; ref: string } {
  let ref;
  try {
    ref = parseEntityRef(input, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `tenant: '${input}' is not a Group name or entity ref`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(`tenant: '${input}' is not a Group`);
  }
  if (!ENTITY_NAME.test(ref.name)) {
    throw new InputError(`tenant: '${input}' is not a valid Group name`);
  }
  return { name: ref.name, ref: stringifyEntityRef(ref) };
}
