import { JsonObject } from '../util/json';

/** One cause in `details.causes` of a Status. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** The `details` of a Status. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** A `meta.k8s.io/v1` Status as the API server sends it. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: JsonObject;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** Names a resource the way Kubernetes error messages do. */
export interface ResourceName {
  group: string;
  /** Plural resource name, e.g. `postgresqlinstances`. */
  resource: string;
}

/** `postgresqlinstances.platform.fractal.dev`, or `namespaces` for the core group. */
export function qualifiedResource(r: ResourceName): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** An error answered as a Kubernetes Status object. */
export class StatusError extends Error {
  readonly body: StatusBody;
  constructor(
    code: number,
    reason: string,
    message: string,
    details?: StatusDetails,
  ) {
    super(message);
    this.name = 'StatusError';
    this.body = statusBody(code, reason, message, details);
  }
  get code(): number {
    return this.body.code;
  }
}

/** Builds a Status body with the field order the API server uses. */
export function statusBody(
  code: number,
  reason: string | undefined,
  message: string | undefined,
  details?: StatusDetails,
): StatusBody {
  const body: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code >= 200 && code < 300 ? 'Success' : 'Failure',
    code,
  };
  // Re-create the object to keep the field order of the real server.
  const ordered: Partial<StatusBody> = {
    kind: body.kind,
    apiVersion: body.apiVersion,
    metadata: body.metadata,
    status: body.status,
  };
  if (message !== undefined) ordered.message = message;
  if (reason !== undefined) ordered.reason = reason;
  if (details !== undefined) ordered.details = details;
  ordered.code = code;
  return ordered as StatusBody;
}

function resourceDetails(r: ResourceName, name?: string): StatusDetails {
  const details: StatusDetails = {};
  if (name !== undefined) details.name = name;
  if (r.group) details.group = r.group;
  details.kind = r.resource;
  return details;
}

/** 404 for a named object. */
export function notFound(r: ResourceName, name: string): StatusError {
  return new StatusError(
    404,
    'NotFound',
    `${qualifiedResource(r)} "${name}" not found`,
    resourceDetails(r, name),
  );
}

/** 404 for a path the server does not serve. */
export function pathNotFound(): StatusError {
  return new StatusError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

/** 409 AlreadyExists. */
export function alreadyExists(r: ResourceName, name: string): StatusError {
  return new StatusError(
    409,
    'AlreadyExists',
    `${qualifiedResource(r)} "${name}" already exists`,
    resourceDetails(r, name),
  );
}

/** 409 Conflict for an update that cannot be applied. */
export function conflict(
  r: ResourceName,
  name: string,
  why: string,
): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(
      r,
    )} "${name}": ${why}`,
    resourceDetails(r, name),
  );
}

/** The optimistic-concurrency message for a stale resourceVersion. */
export const STALE_OBJECT_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

/** 400 BadRequest. */
export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

/** 401 Unauthorized. */
export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

/** Describes an authorization check for a 403 message. */
export interface ForbiddenRequest {
  user: string;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** 403 Forbidden with the message shape of RBAC denials. */
export function forbidden(req: ForbiddenRequest): StatusError {
  const qualified = qualifiedResource({
    group: req.group,
    resource: req.resource,
  });
  const subject = req.name ? `${qualified} "${req.name}"` : qualified;
  const resource = req.subresource
    ? `${req.resource}/${req.subresource}`
    : req.resource;
  const scope = req.namespace
    ? `in the namespace "${req.namespace}"`
    : 'at the cluster scope';
  return new StatusError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${req.user}" cannot ${req.verb} resource "${resource}" in API group "${req.group}" ${scope}`,
    resourceDetails({ group: req.group, resource: req.resource }, req.name),
  );
}

/** 403 Forbidden with a free-form reason. */
export function forbiddenBecause(
  r: ResourceName,
  name: string,
  why: string,
): StatusError {
  return new StatusError(
    403,
    'Forbidden',
    `${qualifiedResource(r)} "${name}" is forbidden: ${why}`,
    resourceDetails(r, name),
  );
}

/** 410 Expired (a too-old resourceVersion or continue token). */
export function expired(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(): StatusError {
  return new StatusError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

/** 415 UnsupportedMediaType. */
export function unsupportedMediaType(accepted: string[]): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
      ', ',
    )}`,
    {},
  );
}

/** 500 InternalError. */
export function internalError(message: string): StatusError {
  return new StatusError(
    500,
    'InternalError',
    `Internal error occurred: ${message}`,
    {
      causes: [{ reason: '', message }],
    },
  );
}

/** 503 ServiceUnavailable. */
export function serviceUnavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}

/** 422 UnprocessableEntity from a failed JSON patch. */
export function unprocessable(message: string): StatusError {
  return new StatusError(422, 'Invalid', message, {
    causes: [{ reason: 'UnexpectedServerResponse', message }],
  });
}

/** A field error, as `field.Error` renders it. */
export interface FieldError {
  reason:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueNotSupported'
    | 'FieldValueTypeInvalid'
    | 'FieldValueDuplicate'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
    | 'FieldValueTooMany';
  field: string;
  /** The message without the field prefix, e.g. `Required value`. */
  message: string;
}

/** 422 Invalid with one cause per field error. */
export function invalid(
  kind: string,
  group: string,
  name: string,
  errors: FieldError[],
): StatusError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const rendered = errors.map(e => `${e.field}: ${e.message}`);
  const aggregate =
    rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  const details: StatusDetails = { name };
  if (group) details.group = group;
  details.kind = kind;
  details.causes = errors.map(e => ({
    reason: e.reason,
    message: e.message,
    field: e.field,
  }));
  return new StatusError(
    422,
    'Invalid',
    `${qualifiedKind} "${name}" is invalid: ${aggregate}`,
    details,
  );
}

/** Formats a value the way field errors quote it (`"abc"`, `5`, `true`). */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value === null || value === undefined) {
    return 'null';
  }
  return `"${Array.isArray(value) ? 'array' : 'object'}"`;
}
