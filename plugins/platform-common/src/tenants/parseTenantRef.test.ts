import { InputError } from '@backstage/errors';
import { parseTenantRef } from './parseTenantRef';

describe('parseTenantRef', () => {
  it.each([
    ['payments', 'payments', 'group:default/payments'],
    ['group:default/payments', 'payments', 'group:default/payments'],
    ['Group:ops/sre-team', 'sre-team', 'group:ops/sre-team'],
  ])('reads %s', (input, name, ref) => {
    expect(parseTenantRef(input)).toEqual({ name, ref });
  });

  it.each([
    ['', 'is not a Group name or entity ref'],
    ['user:default/ada', 'is not a Group'],
    ['group:default/-bad-', 'is not a valid Group name'],
    [`group:default/${'a'.repeat(64)}`, 'is not a valid Group name'],
  ])('refuses %j naming the tenant field', (input, message) => {
    let error: unknown;
    try {
      parseTenantRef(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`tenant: '${input}' ${message}`);
  });
});
