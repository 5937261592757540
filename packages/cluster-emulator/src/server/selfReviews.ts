import { isJsonObject, JsonObject, JsonValue } from '../util/json';
import { Identity, isAllowed, NamespaceTenant } from '../auth/identities';
import { badRequest } from '../api/StatusError';
import { withObjectMeta } from '../schema/objectMetaSchema';
import { ResourceType, storageKeyOf } from '../store/ResourceType';
import { TypeRegistry } from '../store/TypeRegistry';

function reviewType(group: string, kind: string, plural: string): ResourceType {
  return {
    group,
    version: 'v1',
    kind,
    listKind: `${kind}List`,
    plural,
    singular: plural.replace(/s$/, ''),
    namespaced: false,
    shortNames: [],
    categories: [],
    verbs: ['create'],
    statusSubresource: false,
    hasGeneration: false,
    schema: withObjectMeta(undefined),
    validate: false,
    storageKey: storageKeyOf(group, plural),
    builtin: true,
    fieldLabels: [],
    printerColumns: [],
  };
}

/** authorization.k8s.io/v1 SelfSubjectAccessReview (`kubectl auth can-i`). */
export const SELF_SUBJECT_ACCESS_REVIEW = reviewType(
  'authorization.k8s.io',
  'SelfSubjectAccessReview',
  'selfsubjectaccessreviews',
);
/** authentication.k8s.io/v1 SelfSubjectReview (`kubectl auth whoami`). */
export const SELF_SUBJECT_REVIEW = reviewType(
  'authentication.k8s.io',
  'SelfSubjectReview',
  'selfsubjectreviews',
);

/** Whether a type is one of the self reviews, which every identity may create. */
export function isSelfReview(type: ResourceType): boolean {
  return type === SELF_SUBJECT_ACCESS_REVIEW || type === SELF_SUBJECT_REVIEW;
}

function groupsOf(identity: Identity): string[] {
  return identity.role === 'admin'
    ? ['system:masters', 'system:authenticated']
    : ['system:authenticated'];
}

/** Answers a self review: who the caller is, or whether it may do something. */
export function answerSelfReview(
  type: ResourceType,
  body: JsonValue,
  identity: Identity,
  registry: TypeRegistry,
  tenantOf: NamespaceTenant,
): JsonObject {
  if (!isJsonObject(body))
    throw badRequest('the body of the request was in an unknown format');
  const base: JsonObject = {
    kind: type.kind,
    apiVersion: `${type.group}/v1`,
    metadata: { creationTimestamp: null },
  };
  if (type === SELF_SUBJECT_REVIEW) {
    return {
      ...base,
      status: {
        userInfo: { username: identity.name, groups: groupsOf(identity) },
      },
    };
  }
  const spec = isJsonObject(body.spec) ? body.spec : {};
  const attributes = isJsonObject(spec.resourceAttributes)
    ? spec.resourceAttributes
    : undefined;
  if (!attributes) {
    // Non-resource URLs (`kubectl auth can-i get /healthz`): discovery and health are open to all.
    return {
      ...base,
      spec,
      status: {
        allowed: identity.role === 'admin' || identity.role === 'reader',
      },
    };
  }
  const group = typeof attributes.group === 'string' ? attributes.group : '';
  const resource =
    typeof attributes.resource === 'string' ? attributes.resource : '';
  const custom = registry
    .all()
    .some(t => t.group === group && t.plural === resource && !t.builtin);
  const allowed = isAllowed(
    identity,
    {
      verb: typeof attributes.verb === 'string' ? attributes.verb : '',
      group,
      resource,
      subresource:
        typeof attributes.subresource === 'string'
          ? attributes.subresource
          : undefined,
      namespace:
        typeof attributes.namespace === 'string' && attributes.namespace
          ? attributes.namespace
          : undefined,
      name:
        typeof attributes.name === 'string' && attributes.name
          ? attributes.name
          : undefined,
      custom,
    },
    tenantOf,
  );
  const status: JsonObject = { allowed };
  if (allowed)
    status.reason = `allowed for identity "${identity.name}" (${identity.role})`;
  return { ...base, spec, status };
}
