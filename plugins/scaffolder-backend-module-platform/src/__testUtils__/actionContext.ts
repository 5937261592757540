import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';

/** Options of {@link actionContext}. */
export interface TestActionContextOptions<TInput> {
  input: TInput;
  /** Default: Ada, a member of `payments`. */
  credentials?: BackstageCredentials;
  isDryRun?: boolean;
  workspacePath?: string;
  templateRef?: string;
  taskId?: string;
  signal?: AbortSignal;
}

/** Any action, as far as the tests need it. */
interface RunnableAction<TContext> {
  handler(ctx: TContext): Promise<void>;
}

/** The input type of an action's context. */
export type InputOf<TContext> = TContext extends { input: infer I } ? I : never;

/**
 * `createMockActionContext` for one action, with what it does not take as
 * options: the initiator's credentials, the dry-run flag, a cancel signal,
 * and a mock logger whose calls tests can read. `run()` runs the action;
 * `outputs()` collects `ctx.output`; `messages()` the info log lines.
 */
export function actionContext<TContext>(
  action: RunnableAction<TContext>,
  options: TestActionContextOptions<InputOf<TContext>>,
) {
  const logger = mockServices.logger.mock();
  const base = createMockActionContext({
    logger,
    templateInfo: {
      entityRef: options.templateRef ?? 'template:default/postgresql-instance',
    },
    task: { id: options.taskId ?? 'task-1' },
    ...(options.workspacePath ? { workspacePath: options.workspacePath } : {}),
  });
  const credentials =
    options.credentials ?? mockCredentials.user('user:default/ada');
  const ctx: Omit<ActionContext<JsonObject>, 'input'> & {
    input: InputOf<TContext>;
  } = {
    ...base,
    input: options.input,
    isDryRun: options.isDryRun,
    signal: options.signal,
    getInitiatorCredentials: async () => credentials,
  };
  const outputs = () =>
    Object.fromEntries((base.output as jest.Mock).mock.calls);
  const messages = (): string[] =>
    (logger.info as jest.Mock).mock.calls.map(([message]) => String(message));
  return {
    ctx,
    logger,
    outputs,
    messages,
    // The context is built for this action's input; the scaffolder does the same at run time.
    run: () => action.handler(ctx as unknown as TContext),
  };
}
