import type {
  JsonObject,
  JsonValue,
} from '@fractal/backstage-plugin-platform-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { demoClaimKinds } from './__testUtils__/RecordingCluster';
import { runExample, stepRunner } from './__testUtils__/runExample';
import {
  startTestEmulator,
  type TestEmulator,
} from './__testUtils__/testEmulator';
import { createTestServices } from './__testUtils__/testServices';
import { createApplyAction } from './actions/applyAction';
import { createCompileAction } from './actions/compileAction';
import { createWaitAction } from './actions/waitAction';

const TEMPLATES = resolve(__dirname, '../../../templates');

/** The hand-written template of each demo kind, with form values a user might enter. */
const KIND_TEMPLATES: Array<[string, string, JsonObject]> = [
  [
    'postgresql-instance',
    'PostgreSQLInstance',
    { size: 'medium', storageGB: 40, extensions: ['pgcrypto'] },
  ],
  [
    'bucket',
    'Bucket',
    { region: 'eu-central-1', versioning: true, tags: { team: 'payments' } },
  ],
  ['cache', 'Cache', { engine: 'redis', memoryMB: 512 }],
  [
    'application',
    'Application',
    { image: 'registry.example.com/payments/orders-api:1.4.2', replicas: 3 },
  ],
];

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadTemplate(name: string): JsonObject {
  return parse(readFileSync(resolve(TEMPLATES, name, 'template.yaml'), 'utf8'));
}

/** The form's `parameters` object schema of a template. */
function formParameters(template: JsonObject): JsonObject {
  const spec = template.spec as JsonObject;
  for (const page of spec.parameters as JsonObject[]) {
    const properties = page.properties as JsonObject;
    if (isObject(properties.parameters)) return properties.parameters;
  }
  throw new Error('the template has no parameters object');
}

/** The CRD's `spec.parameters` schema of a kind. */
function crdParameters(kind: string): JsonObject {
  const found = demoClaimKinds().find(k => k.kind === kind)!;
  const spec = (found.schema!.properties as JsonObject).spec as JsonObject;
  return (spec.properties as JsonObject).parameters as JsonObject;
}

const CONSTRAINTS = [
  'enum',
  'minimum',
  'maximum',
  'maxLength',
  'maxItems',
  'maxProperties',
  'multipleOf',
  'pattern',
];

/** A form schema that is an object (type guard for nested schemas). */
function asSchema(value: JsonValue | undefined): JsonObject {
  return isObject(value) ? value : {};
}

/** The CRD's required fields that have no default (the form must ask for those). */
function requiredWithoutDefault(crd: JsonObject): JsonValue[] {
  const properties = asSchema(crd.properties);
  const required = Array.isArray(crd.required) ? crd.required : [];
  return required.filter(
    name =>
      typeof name === 'string' && !('default' in asSchema(properties[name])),
  );
}

/**
 * Every form field exists in the CRD with the same type and bounds. Required
 * fields must match at the top and in array items; an optional nested object
 * keeps its inner fields optional in the form (the form would otherwise
 * demand them even when the object is left out).
 */
function mismatches(
  form: JsonObject,
  crd: JsonObject,
  path: string,
  checkRequired = true,
): string[] {
  const problems: string[] = [];
  const crdType = crd['x-kubernetes-int-or-string'] ? 'string' : crd.type;
  if (form.type !== crdType) {
    problems.push(`${path}: type ${form.type} vs ${crdType}`);
  }
  for (const key of CONSTRAINTS) {
    if (key in crd && JSON.stringify(form[key]) !== JSON.stringify(crd[key])) {
      problems.push(
        `${path}: ${key} ${JSON.stringify(form[key])} vs ${JSON.stringify(
          crd[key],
        )}`,
      );
    }
  }
  const crdProperties = asSchema(crd.properties);
  for (const [name, child] of Object.entries(asSchema(form.properties))) {
    const crdChild = crdProperties[name];
    if (!isObject(crdChild)) problems.push(`${path}.${name}: not in the CRD`);
    else
      problems.push(
        ...mismatches(asSchema(child), crdChild, `${path}.${name}`, false),
      );
  }
  if (isObject(form.items) && isObject(crd.items)) {
    problems.push(...mismatches(form.items, crd.items, `${path}[]`));
  }
  if (
    isObject(form.additionalProperties) &&
    isObject(crd.additionalProperties)
  ) {
    problems.push(
      ...mismatches(
        form.additionalProperties,
        crd.additionalProperties,
        `${path}.*`,
      ),
    );
  }
  const crdRequired = requiredWithoutDefault(crd);
  if (
    checkRequired &&
    JSON.stringify(form.required ?? []) !== JSON.stringify(crdRequired)
  ) {
    problems.push(
      `${path}: required ${JSON.stringify(form.required)} vs ${JSON.stringify(
        crdRequired,
      )}`,
    );
  }
  return problems;
}

describe('the templates', () => {
  it.each(KIND_TEMPLATES)(
    '%s mirrors the %s schema field by field',
    (name, kind) => {
      const template = loadTemplate(name);
      expect((template.metadata as JsonObject).annotations).toMatchObject({
        'fractal.dev/kind': kind,
      });
      const form = formParameters(template);
      expect(Object.keys(form.properties as JsonObject).length).toBeGreaterThan(
        2,
      );
      expect(mismatches(form, crdParameters(kind), 'parameters')).toEqual([]);
      // No form defaults: an empty field takes the platform's layered default.
      expect(JSON.stringify(form)).not.toContain('"default"');
    },
  );

  it.each(KIND_TEMPLATES)(
    '%s uses the tenant picker and the manifest preview',
    name => {
      const text = readFileSync(
        resolve(TEMPLATES, name, 'template.yaml'),
        'utf8',
      );
      expect(text).toContain('ui:field: PlatformTenantPicker');
      expect(text).toContain('ui:field: PlatformManifestPreview');
    },
  );

  describe('run on the emulator', () => {
    let env: TestEmulator;
    beforeAll(async () => {
      env = await startTestEmulator({ operator: { delays: { default: 300 } } });
    }, 120_000);
    afterAll(() => env?.stop());

    it.each(KIND_TEMPLATES)(
      '%s creates a Ready %s',
      async (name, kind, values) => {
        const { services, kinds, reports } = createTestServices({
          clusters: env.clusters,
        });
        const outputs = await runExample(
          readFileSync(resolve(TEMPLATES, name, 'template.yaml'), 'utf8'),
          {
            'platform:resource:compile': stepRunner(
              createCompileAction(services),
            ),
            'platform:resource:apply': stepRunner(createApplyAction(services)),
            'platform:resource:wait': stepRunner(
              createWaitAction({ ...services, kinds }),
            ),
          },
          {
            parameters: {
              tenant: 'payments',
              name: `${name}-demo`,
              cluster: 'dev',
              parameters: values,
            },
          },
        );
        expect(outputs.get('apply')).toMatchObject({
          kind,
          namespace: 'tenant-payments',
          created: true,
        });
        expect(outputs.get('wait')).toMatchObject({ state: 'Ready' });
        expect(reports).toEqual([
          expect.objectContaining({ outcome: 'succeeded', kind }),
        ]);
      },
      30_000,
    );
  });
});
