import { errorFromKubeStatus } from './kubeErrors';

const status = (code: number, message: string, causes?: object[]) => ({
  kind: 'Status',
  status: 'Failure',
  code,
  message,
  ...(causes ? { details: { causes } } : {}),
});

describe('errorFromKubeStatus', () => {
  it.each<[number, object | undefined, string, string]>([
    [400, status(400, 'bad'), 'InputError', 'apply X in cluster dev: bad'],
    [
      401,
      status(401, 'Unauthorized'),
      'NotAllowedError',
      'apply X in cluster dev: Unauthorized',
    ],
    [403, status(403, 'forbidden'), 'NotAllowedError', 'forbidden'],
    [404, status(404, 'not found'), 'NotFoundError', 'not found'],
    [409, status(409, 'already exists'), 'ConflictError', 'already exists'],
    [410, status(410, 'too old'), 'WatchExpiredError', 'too old'],
    [500, status(500, 'boom'), 'ServiceUnavailableError', 'boom'],
    [503, undefined, 'ServiceUnavailableError', 'HTTP 503'],
  ])('maps %i to %s', (code, body, name, message) => {
    expect(
      errorFromKubeStatus(code, body, 'apply X in cluster dev'),
    ).toMatchObject({
      name,
      message: expect.stringContaining(message),
    });
  });

  it('lists every field manager conflict of a server-side apply', () => {
    const error = errorFromKubeStatus(
      409,
      status(409, 'Apply failed with 1 conflict', [
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "kubectl": .spec.parameters.storageGB',
          field: '.spec.parameters.storageGB',
        },
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "helm": .spec.parameters.size',
          field: '.spec.parameters.size',
        },
      ]),
      'apply PostgreSQLInstance tenant-payments/orders-db in cluster dev',
    );
    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      'apply PostgreSQLInstance tenant-payments/orders-db in cluster dev: server-side apply conflicts with another field manager (conflict with "kubectl": .spec.parameters.storageGB; conflict with "helm": .spec.parameters.size). The fields are owned by another tool; change them there, or remove that manager\'s ownership before applying again',
    );
  });

  it('names the rejected fields of an invalid object', () => {
    const error = errorFromKubeStatus(
      422,
      status(422, 'PostgreSQLInstance "x" is invalid', [
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: 5000',
          field: '.spec.parameters.storageGB',
        },
      ]),
      'apply X',
    );
    expect(error).toMatchObject({
      name: 'InputError',
      fieldErrors: [
        { path: 'spec.parameters.storageGB', message: 'Invalid value: 5000' },
      ],
    });
  });
});
