export * from './types';
export { compileManifest, MAX_MANIFEST_BYTES } from './compileManifest';
export {
  CompileInputError,
  fieldErrorsOf,
  type FieldError,
} from './CompileInputError';
export { mergeLayers, type LayerValue } from './mergeLayers';
export { applySchemaDefaults } from './applySchemaDefaults';
export {
  convertStructuralSchema,
  KNOWN_FORMATS,
} from './convertStructuralSchema';
export {
  SchemaValidatorCache,
  compileSchemaValidator,
  createSchemaAjv,
  defaultSchemaValidatorCache,
  type ManifestValidator,
  type SchemaKey,
  type SchemaValidatorCacheOptions,
} from './SchemaValidatorCache';
export { toSafeYaml } from './toSafeYaml';
export { formatFieldPath, type FieldPathSegment } from './fieldPath';
export {
  FORBIDDEN_KEYS,
  MAX_ARRAY_ITEMS,
  MAX_INPUT_DEPTH,
} from './readJsonInput';
export {
  FRACTAL_OWNED_KEYS,
  FRACTAL_OWNED_KEY_PREFIXES,
  USER_RESERVED_KEY_PREFIXES,
  USER_RESERVED_SPEC_FIELDS,
  isFractalOwnedKey,
} from './checkLayer';
export * from './names';
export { defaultsFor } from './defaultsFor';
export { kindFromCrd } from './kindFromCrd';
