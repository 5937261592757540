import { NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  LABEL_TENANT,
  tenantOfNamespace,
} from '@fractal/backstage-plugin-platform-common';
import type { KindLookup } from '../cluster/KindLookup';
import type { ObjectKey } from '../cluster/types';
import { describeCondition } from '../wait/conditionChanges';
import { formatDuration, waitForResource } from '../wait/waitForResource';
import type { ActionServices } from './ActionServices';
import { safeTenant } from './compileAction';
import { parseDuration, parseInput, type Zod } from './parseInput';
import { withRunOutcome } from './runOutcome';
import { examples } from './waitAction.examples';

const duration = (z: Zod) =>
  z.union([z.string().max(32), z.number().positive()]);

/** The input of `platform:resource:wait`. */
export const waitInputSchema = (z: Zod) =>
  z.object({
    cluster: z
      .string()
      .min(1)
      .max(253)
      .describe('Cluster of the resource (the `cluster` output of apply)'),
    tenant: z
      .string()
      .min(1)
      .max(253)
      .describe(
        'Tenant that owns the resource (the initiating user must be a member or hold `platform.admin`)',
      ),
    apiVersion: z
      .string()
      .min(1)
      .max(253)
      .describe('`<group>/<version>` of the resource'),
    kind: z.string().min(1).max(253).describe('Platform kind of the resource'),
    namespace: z
      .string()
      .max(63)
      .optional()
      .describe('Namespace of the resource (namespaced kinds)'),
    name: z.string().min(1).max(253).describe('Name of the resource'),
    timeout: duration(z)
      .optional()
      .describe(
        'Fail when not Ready after this long: `90s`, `10m`, `1h`, or seconds (default `15m`)',
      ),
    failAfter: duration(z)
      .optional()
      .describe(
        'Fail when a reconcile error (`Synced=False`, `ReconcileError`) has lasted this long (default `5m`, as the status cards judge it)',
      ),
    reportSuccess: z
      .boolean()
      .optional()
      .describe(
        'Report the template run as succeeded when the resource is Ready (default true; set false when a later platform step follows). Failures are always reported',
      ),
  });

/** Options of {@link createWaitAction}. */
export type WaitActionOptions = Pick<
  ActionServices,
  'authorizer' | 'clusters' | 'reporter' | 'tenants'
> & { kinds: KindLookup };

/**
 * `platform:resource:wait`: watches a platform resource until the status
 * rules call it Ready, failed or the timeout passes, writing every
 * condition change into the task log as it happens. On failure or timeout
 * the step fails with the reason, message and latest Events.
 */
export function createWaitAction(options: WaitActionOptions) {
  const { authorizer, clusters, reporter, tenants, kinds } = options;
  return createTemplateAction({
    id: 'platform:resource:wait',
    description:
      'Waits until a platform resource is Ready, streaming every condition change into the task log; fails with the reason, message and latest Events when it fails or times out',
    examples,
    supportsDryRun: true,
    schema: {
      input: waitInputSchema,
      output: {
        state: z => z.string().describe('Final state: Ready (or DryRun)'),
        reason: z => z.string().optional(),
        message: z => z.string().optional(),
        durationMs: z =>
          z.number().describe('How long the wait took, in milliseconds'),
        duration: z =>
          z.string().describe('How long the wait took, e.g. 12.5s'),
      },
    },
    async handler(ctx) {
      const input = parseInput(waitInputSchema, ctx.input);
      const tenant = safeTenant(input.tenant);
      await withRunOutcome(
        ctx,
        reporter,
        () => ({ tenant, kind: input.kind }),
        input.reportSuccess ?? true,
        async () => {
          const timeoutMs = parseDuration('timeout', input.timeout ?? '15m');
          const persistentErrorAfterMs = parseDuration(
            'failAfter',
            input.failAfter ?? '5m',
          );
          const cluster = await clusters.getCluster(input.cluster);
          const access = await authorizer.authorize(
            input.tenant,
            await ctx.getInitiatorCredentials(),
          );
          const client = await clusters.client(cluster.name);
          const kind = await kinds.find(client, input.kind, input.apiVersion);
          const key: ObjectKey = {
            apiVersion: `${kind.group}/${kind.version}`,
            kind: kind.kind,
            plural: kind.plural,
            namespace:
              kind.scope === 'Namespaced' ? input.namespace : undefined,
            name: input.name,
          };
          // The namespace decides the tenant; cluster-scoped kinds carry a tenant label.
          let owner: string | undefined;
          if (kind.scope === 'Namespaced') {
            const namespace = key.namespace
              ? await client.getNamespace(key.namespace)
              : undefined;
            owner = namespace && tenantOfNamespace(namespace, tenants);
          } else {
            owner = (await client.get(key))?.metadata.labels?.[LABEL_TENANT];
          }
          if (owner !== access.tenant) {
            throw new NotAllowedError(
              `${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${
                key.name
              } in cluster '${client.cluster}' does not belong to tenant '${
                access.tenant
              }'`,
            );
          }
          const meta = {
            cluster: client.cluster,
            kind: key.kind,
            namespace: key.namespace,
            tenant: access.tenant,
          };
          if (ctx.isDryRun) {
            ctx.logger.info(
              `Dry run: would wait up to ${formatDuration(timeoutMs)} for ${
                key.kind
              } ${key.name} to become Ready`,
              meta,
            );
            ctx.output('state', 'DryRun');
            ctx.output('durationMs', 0);
            ctx.output('duration', formatDuration(0));
            return;
          }
          ctx.logger.info(
            `Waiting up to ${formatDuration(timeoutMs)} for ${key.kind} ${
              key.name
            } in cluster ${client.cluster} to become Ready`,
            meta,
          );
          const result = await waitForResource({
            client,
            key,
            timeoutMs,
            persistentErrorAfterMs,
            signal: ctx.signal,
            // The task log shows the metadata too: only what the line lacks.
            onConditionChange: ({ condition }) =>
              ctx.logger.info(describeCondition(condition), {
                conditionType: condition.type,
                conditionStatus: condition.status,
                conditionReason: condition.reason,
              }),
          });
          ctx.logger.info(
            `${key.kind} ${key.name} is Ready after ${formatDuration(
              result.durationMs,
            )}`,
            { ...meta, durationMs: result.durationMs },
          );
          ctx.output('state', result.status.state);
          if (result.status.reason) ctx.output('reason', result.status.reason);
          if (result.status.message)
            ctx.output('message', result.status.message);
          ctx.output('durationMs', result.durationMs);
          ctx.output('duration', formatDuration(result.durationMs));
        },
      );
    },
  });
}
