import type {
  CompiledManifest,
  DefaultsLayer,
  JsonObject,
  ProvenanceEntry,
} from '../api/types';
import {
  ANNOTATION_COMPONENT_REF,
  ANNOTATION_CREATED_VIA,
  ANNOTATION_OWNER,
  ANNOTATION_REQUESTED_BY,
  ANNOTATION_TEMPLATE,
  CREATED_VIA_PORTAL,
  LABEL_COMPONENT,
  LABEL_ENVIRONMENT,
  LABEL_MANAGED_BY,
  LABEL_TENANT,
  MANAGED_BY_VALUE,
} from '../keys';
import { applySchemaDefaults } from './applySchemaDefaults';
import { checkIdentity } from './checkIdentity';
import { checkLayer } from './checkLayer';
import { CompileInputError, type FieldError } from './CompileInputError';
import { mergeLayerTree, type LayerValue } from './mergeLayers';
import { ANNOTATIONS_MAX_BYTES } from './names';
import {
  flattenProvenance,
  isJsonObject,
  provenanceMapAt,
  type ProvenanceMap,
} from './provenance';
import { readJsonInput } from './readJsonInput';
import {
  compileSchemaValidator,
  defaultSchemaValidatorCache,
  type ManifestValidator,
} from './SchemaValidatorCache';
import { toSafeYaml } from './toSafeYaml';
import type {
  CompileManifestInput,
  CompileManifestOptions,
  PlatformKindDefinition,
} from './types';

/** Largest compiled manifest, as UTF-8 JSON: 1 MiB (etcd's limit is 1.5 MiB). @public */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Room for what compile adds besides input strings (keys, defaults, numbers). */
const SMALL_MANIFEST_HEADROOM = 64 * 1024;

const INPUT_LAYERS = [
  ['platform', 'defaults.platform'],
  ['environment', 'defaults.environment'],
  ['tenant', 'defaults.tenant'],
  ['user', 'user'],
] as const;

/** `PostgreSQLInstance "orders-db"`, for error messages (the name shortened). */
function describe(input: CompileManifestInput): string {
  const kind =
    typeof input.kind?.kind === 'string' ? input.kind.kind : 'resource';
  if (typeof input.name !== 'string') return kind;
  const name =
    input.name.length > 64 ? `${input.name.slice(0, 64)}...` : input.name;
  return `${kind} ${JSON.stringify(name)}`;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function readLayers(
  input: CompileManifestInput,
  errors: FieldError[],
  stats: { chars: number },
) {
  const layers: LayerValue[] = [];
  for (const [layer, field] of INPUT_LAYERS) {
    const raw = layer === 'user' ? input.user : input.defaults?.[layer];
    if (raw === undefined || raw === null) continue;
    const before = errors.length;
    const value = readJsonInput(raw, [], errors, layer, stats);
    if (value === undefined && errors.length > before) continue;
    if (!isJsonObject(value)) {
      errors.push({
        path: field,
        message: 'must be an object (a partial manifest)',
        layer,
      });
      continue;
    }
    checkLayer(value, layer, errors);
    layers.push({ layer, value });
  }
  return layers;
}

function keyedStrings(value: unknown): JsonObject {
  return isJsonObject(value as JsonObject) ? (value as JsonObject) : {};
}

/** Finds the layer of a field path: the exact leaf, or the one layer of every leaf below it. */
function layerOf(path: string, provenance: ProvenanceEntry[]) {
  let found: DefaultsLayer | undefined;
  for (const entry of provenance) {
    if (entry.path === path) return entry.layer;
    const rest = entry.path.startsWith(path)
      ? entry.path[path.length]
      : undefined;
    if (rest === '.' || rest === '[') {
      if (found !== undefined && found !== entry.layer) return undefined;
      found = entry.layer;
    }
  }
  return found;
}

function largestLeaf(provenance: ProvenanceEntry[], manifest: JsonObject) {
  // Only reached for oversized manifests: find the field that makes it so.
  let best = { path: 'spec', size: 0 };
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string' && node.length > best.size) {
      best = { path, size: node.length };
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node))
        walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(manifest, '');
  return provenance.find(e => e.path === best.path)?.path ?? best.path;
}

/**
 * The result object. Its `yaml` is an enumerable, memoized getter: rendering
 * YAML costs several times more than the whole compile, so it is done on the
 * first read (JSON serialization, spreading and `ctx.output` all read it).
 * Read it before mutating `manifest`, or re-render with {@link toSafeYaml}.
 */
function withLazyYaml(
  manifest: JsonObject,
  provenance: ProvenanceEntry[],
  cluster: string,
  namespace: string | undefined,
): CompiledManifest {
  let yaml: string | undefined;
  const compiled = { manifest } as CompiledManifest;
  Object.defineProperty(compiled, 'yaml', {
    enumerable: true,
    configurable: true,
    get: () => (yaml ??= toSafeYaml(manifest)),
  });
  compiled.provenance = provenance;
  compiled.cluster = cluster;
  if (
    manifest.metadata &&
    (manifest.metadata as JsonObject).namespace !== undefined
  ) {
    compiled.namespace = namespace;
  }
  return compiled;
}

/**
 * Compiles input into one final platform resource, or throws a
 * {@link CompileInputError} (an `InputError`) naming every invalid field.
 * Nothing else is thrown for any input.
 *
 * 1. Trusted inputs are checked: `name` and `namespace` are DNS-1123 labels
 *    (at most 63 characters), `tenant`/`environment`/component name are label
 *    values, entity refs parse.
 * 2. Each layer (platform < environment < tenant defaults < user) is copied
 *    as plain JSON: non-JSON values, unpaired surrogates, deep nesting and the
 *    keys `__proto__`, `constructor`, `prototype` are refused. Only `spec`,
 *    `metadata.labels` and `metadata.annotations` may be set: an attempt to
 *    set `metadata.namespace`, another tenant, or any of Fractal's labels and
 *    annotations is refused with an error naming that field — never dropped.
 * 3. Layers are deep-merged ({@link mergeLayers}: objects merge, arrays and
 *    scalars replace, later wins, `null` removes); then the schema's defaults
 *    fill what is still absent ({@link applySchemaDefaults}).
 * 4. Fractal sets name, namespace, its labels (tenant, component, environment,
 *    managed-by) and annotations (owner, requested-by, template, created-via,
 *    component-ref).
 * 5. The manifest is validated against the CRD schema (validators cached per
 *    kind, version and schema hash) and must fit in {@link MAX_MANIFEST_BYTES}.
 * 6. Every leaf has a provenance; `yaml` is written by {@link toSafeYaml} when
 *    first read.
 * @public
 */
export function compileManifest(
  input: CompileManifestInput,
  options: CompileManifestOptions = {},
): CompiledManifest {
  if (typeof input !== 'object' || input === null) {
    throw new CompileInputError('resource', [
      { path: '(input)', message: 'must be an object' },
    ]);
  }
  const subject = describe(input);
  const errors: FieldError[] = [];
  const identity = checkIdentity(input, errors);
  const inputStats = { chars: 0 };
  const layers = readLayers(input, errors, inputStats);
  if (!identity || errors.length > 0)
    throw new CompileInputError(subject, errors);
  const kind: PlatformKindDefinition = input.kind;

  const merged = mergeLayerTree(layers);
  const metadataValue = keyedStrings(merged.value.metadata);
  const metadataProvenance = isJsonObject(merged.value.metadata)
    ? provenanceMapAt(merged.provenance, 'metadata', merged.value.metadata)
    : {};
  const layerLabels = keyedStrings(metadataValue.labels);
  const layerAnnotations = keyedStrings(metadataValue.annotations);
  const labelProvenance = isJsonObject(metadataValue.labels)
    ? provenanceMapAt(metadataProvenance, 'labels', metadataValue.labels)
    : {};
  const annotationProvenance = isJsonObject(metadataValue.annotations)
    ? provenanceMapAt(
        metadataProvenance,
        'annotations',
        metadataValue.annotations,
      )
    : {};

  const labels: JsonObject = { ...layerLabels };
  const annotations: JsonObject = { ...layerAnnotations };
  const setFractal = (
    target: JsonObject,
    prov: ProvenanceMap,
    key: string,
    value: string,
  ) => {
    target[key] = value;
    prov[key] = 'fractal';
  };
  setFractal(labels, labelProvenance, LABEL_TENANT, input.tenant);
  if (identity.component) {
    setFractal(
      labels,
      labelProvenance,
      LABEL_COMPONENT,
      identity.component.name,
    );
  }
  setFractal(labels, labelProvenance, LABEL_ENVIRONMENT, input.environment);
  setFractal(labels, labelProvenance, LABEL_MANAGED_BY, MANAGED_BY_VALUE);
  setFractal(
    annotations,
    annotationProvenance,
    ANNOTATION_OWNER,
    identity.owner,
  );
  setFractal(
    annotations,
    annotationProvenance,
    ANNOTATION_REQUESTED_BY,
    identity.requestedBy,
  );
  if (identity.template) {
    setFractal(
      annotations,
      annotationProvenance,
      ANNOTATION_TEMPLATE,
      identity.template,
    );
  }
  setFractal(
    annotations,
    annotationProvenance,
    ANNOTATION_CREATED_VIA,
    CREATED_VIA_PORTAL,
  );
  if (identity.component) {
    setFractal(
      annotations,
      annotationProvenance,
      ANNOTATION_COMPONENT_REF,
      identity.component.ref,
    );
  }

  const metadata: JsonObject = { name: input.name };
  if (kind.scope === 'Namespaced' && input.namespace)
    metadata.namespace = input.namespace;
  metadata.labels = labels;
  metadata.annotations = annotations;

  const spec = isJsonObject(merged.value.spec) ? merged.value.spec : {};
  const specProvenance = isJsonObject(merged.value.spec)
    ? provenanceMapAt(merged.provenance, 'spec', merged.value.spec)
    : {};
  const rootProperties = isJsonObject(kind.schema.properties)
    ? kind.schema.properties
    : {};
  const specSchema = rootProperties.spec;
  if (isJsonObject(specSchema))
    applySchemaDefaults(spec, specSchema, specProvenance);

  const manifest: JsonObject = {
    apiVersion: `${kind.group}/${kind.version}`,
    kind: kind.kind,
    metadata,
    spec,
  };
  const provenanceTree: ProvenanceMap = {
    apiVersion: 'fractal',
    kind: 'fractal',
    metadata: {
      name: 'fractal',
      namespace: 'fractal',
      labels: labelProvenance,
      annotations: annotationProvenance,
    },
    spec: specProvenance,
  };
  const provenance = flattenProvenance(manifest, provenanceTree, 'fractal');

  // Only input strings can make a manifest large: serialize it to measure
  // only when they could (UTF-8 is at most 3 bytes per UTF-16 unit).
  const size =
    inputStats.chars * 3 + SMALL_MANIFEST_HEADROOM > MAX_MANIFEST_BYTES
      ? utf8Length(JSON.stringify(manifest))
      : 0;
  if (size > MAX_MANIFEST_BYTES) {
    const path = largestLeaf(provenance, manifest);
    throw new CompileInputError(subject, [
      {
        path,
        message: `makes the manifest ${size} bytes, more than the ${MAX_MANIFEST_BYTES} allowed`,
        layer: layerOf(path, provenance),
      },
    ]);
  }
  const annotationsJson = JSON.stringify(annotations);
  if (
    annotationsJson.length * 3 > ANNOTATIONS_MAX_BYTES &&
    utf8Length(annotationsJson) > ANNOTATIONS_MAX_BYTES
  ) {
    throw new CompileInputError(subject, [
      {
        path: 'metadata.annotations',
        message: `must total at most ${ANNOTATIONS_MAX_BYTES} bytes`,
      },
    ]);
  }

  let validator: ManifestValidator;
  try {
    validator =
      options.validators === false
        ? compileSchemaValidator(kind.schema)
        : (options.validators ?? defaultSchemaValidatorCache).get(
            kind,
            kind.schema,
          );
  } catch (error) {
    throw new CompileInputError(subject, [
      {
        path: 'kind.schema',
        message: `cannot be compiled into a validator: ${
          (error as Error).message
        }`,
      },
    ]);
  }
  const schemaErrors = validator(manifest);
  if (schemaErrors.length > 0) {
    throw new CompileInputError(
      subject,
      schemaErrors.map(e => {
        const layer = layerOf(e.path, provenance);
        return layer ? { ...e, layer } : e;
      }),
    );
  }

  return withLazyYaml(manifest, provenance, input.cluster, input.namespace);
}
