import { InputError, ResponseError } from '@backstage/errors';
import { describeCompileFailure } from './compileErrors';

async function responseError(status: number, error: object) {
  const body = JSON.stringify({ error, response: { statusCode: status } });
  return ResponseError.fromResponse({
    ok: false,
    status,
    statusText: 'Error',
    url: 'http://backstage.test/api/platform/compile',
    redirected: false,
    type: 'basic',
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => body,
  });
}

describe('describeCompileFailure', () => {
  it('reads the field errors of a 400 response', async () => {
    const error = await responseError(400, {
      name: 'InputError',
      message:
        'Invalid PostgreSQLInstance: spec.parameters.storageGB must be <= 1000',
      fieldErrors: [
        {
          path: 'spec.parameters.storageGB',
          message: 'must be <= 1000',
          layer: 'tenant',
        },
        { path: 'broken' },
      ],
    });
    expect(describeCompileFailure(error)).toEqual({
      invalidInput: true,
      message:
        'Invalid PostgreSQLInstance: spec.parameters.storageGB must be <= 1000',
      fieldErrors: [
        {
          path: 'spec.parameters.storageGB',
          message: 'must be <= 1000',
          layer: 'tenant',
        },
      ],
    });
  });

  it.each([
    [403, 'NotAllowedError', 'not a member of payments'],
    [500, 'Error', 'cluster schemas not loaded'],
  ])(
    'reports a %s as a preview problem, not an input error',
    async (status, name, message) => {
      const error = await responseError(status, { name, message });
      expect(describeCompileFailure(error)).toEqual({
        invalidInput: false,
        message,
        fieldErrors: [],
      });
    },
  );

  it('reads an error thrown in the browser', () => {
    const error = Object.assign(
      new InputError('Invalid resource: name is required'),
      {
        fieldErrors: [{ path: 'name', message: 'is required' }],
      },
    );
    expect(describeCompileFailure(error)).toEqual({
      invalidInput: true,
      message: 'Invalid resource: name is required',
      fieldErrors: [{ path: 'name', message: 'is required' }],
    });
    expect(describeCompileFailure(new TypeError('Failed to fetch'))).toEqual({
      invalidInput: false,
      message: 'Failed to fetch',
      fieldErrors: [],
    });
  });
});
