import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { parse } from 'yaml';
import { actionContext, type InputOf } from './actionContext';

/** Runs one step of an example: its rendered input, its outputs. */
export type StepRunner = (
  input: JsonObject,
  options: { credentials?: BackstageCredentials; workspacePath?: string },
) => Promise<Record<string, unknown>>;

/**
 * A {@link StepRunner} for an action. Example inputs are untyped YAML; the
 * action checks them with its own schema, as the scaffolder does.
 */
export function stepRunner<TContext>(action: {
  handler(ctx: TContext): Promise<void>;
}): StepRunner {
  return async (input, options) => {
    const run = actionContext(action, {
      input: input as InputOf<TContext>,
      ...options,
    });
    await run.run();
    return run.outputs();
  };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STEP_OUTPUT = /^\$\{\{\s*steps\.([\w-]+)\.output\.([\w-]+)\s*\}\}$/;
const PARAMETER = /^\$\{\{\s*parameters\.([\w-]+)\s*\}\}$/;

/**
 * Replaces whole-value `${{ steps.<id>.output.<name> }}` and
 * `${{ parameters.<name> }}` expressions; an unset parameter renders as an
 * empty string, as the scaffolder renders it.
 */
function render(
  value: unknown,
  outputs: Map<string, Record<string, unknown>>,
  parameters: Record<string, unknown>,
): unknown {
  if (typeof value === 'string') {
    const parameter = PARAMETER.exec(value);
    if (parameter) return parameters[parameter[1]] ?? '';
    const match = STEP_OUTPUT.exec(value);
    if (!match) return value;
    const step = outputs.get(match[1]);
    if (!step || !(match[2] in step)) {
      throw new Error(`example refers to missing output ${value}`);
    }
    return step[match[2]];
  }
  if (Array.isArray(value)) {
    return value.map(v => render(v, outputs, parameters));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        render(v, outputs, parameters),
      ]),
    );
  }
  return value;
}

/**
 * Runs the steps of an action example's YAML (or a template's) in order, as the scaffolder
 * would: each step's input rendered from earlier steps' outputs. Returns the
 * outputs per step id.
 */
export async function runExample(
  example: string,
  actions: Record<string, StepRunner>,
  options: {
    credentials?: BackstageCredentials;
    workspacePath?: string;
    /** Form values for `${{ parameters.<name> }}`. */
    parameters?: Record<string, unknown>;
  } = {},
): Promise<Map<string, Record<string, unknown>>> {
  const { parameters = {}, ...runOptions } = options;
  const document: unknown = parse(example);
  const spec =
    isJsonObject(document) && isJsonObject(document.spec)
      ? document.spec
      : document;
  const steps =
    isJsonObject(spec) && Array.isArray(spec.steps)
      ? spec.steps.filter(isJsonObject)
      : [];
  const outputs = new Map<string, Record<string, unknown>>();
  for (const step of steps) {
    const action = actions[String(step.action)];
    if (!action) throw new Error(`no action ${step.action} for the example`);
    const input = render(step.input, outputs, parameters);
    if (!isJsonObject(input)) throw new Error(`step ${step.id} has no input`);
    outputs.set(String(step.id), await action(input, runOptions));
  }
  return outputs;
}
