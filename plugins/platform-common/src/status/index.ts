export * from './types';
export * from './computeResourceStatus';
export * from './defaultStatusRules';
export { CORE_KIND_STATUS_RULES } from './coreKindStatusRules';
export { statusFromCondition } from './statusFromCondition';
export {
  readObjectFacts,
  readConditions,
  apiGroupOf,
  isRecord,
} from './readObjectFacts';
