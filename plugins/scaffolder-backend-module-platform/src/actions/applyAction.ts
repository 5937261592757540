import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_OWNER,
  FIELD_MANAGER,
  LABEL_MANAGED_BY,
  LABEL_TENANT,
  MANAGED_BY_VALUE,
} from '@fractal/backstage-plugin-platform-common';
import type { TenantAccess } from '../authorization/TenantAuthorizer';
import type { KubeObject, ObjectKey } from '../cluster/types';
import type { ActionServices } from './ActionServices';
import { examples } from './applyAction.examples';
import { safeTenant } from './compileAction';
import { parseInput, type Zod } from './parseInput';
import { withRunOutcome } from './runOutcome';

/** The input of `platform:resource:apply`. */
export const applyInputSchema = (z: Zod) =>
  z.object({
    manifest: z
      .record(z.string(), z.unknown())
      .describe(
        "The manifest to apply: the `manifest` output of `platform:resource:compile`, unchanged (it is checked again against the kind's schema, the tenant mapping and the initiating user)",
      ),
    cluster: z
      .string()
      .min(1)
      .max(253)
      .describe(
        'Target cluster: the `cluster` output of `platform:resource:compile`',
      ),
    reportSuccess: z
      .boolean()
      .optional()
      .describe(
        "Report the template run as succeeded when this step succeeds (set it when apply is the template's last platform step). Failures are always reported",
      ),
  });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** The tenant label of an untrusted manifest, when it is a string. */
function readTenantLabel(
  manifest: Record<string, unknown>,
): string | undefined {
  const value = field(field(manifest.metadata, 'labels'), LABEL_TENANT);
  return typeof value === 'string' ? value : undefined;
}

function describeKey(key: ObjectKey): string {
  return `${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
}

function managers(object: KubeObject): string[] {
  const fields = object.metadata.managedFields;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap(f =>
    typeof f === 'object' &&
    f !== null &&
    !Array.isArray(f) &&
    typeof f.manager === 'string'
      ? [f.manager]
      : [],
  );
}

/**
 * Refuses to take over an existing object that Fractal does not manage, or
 * that belongs to another tenant. Fractal's own objects of the same tenant
 * are updated in place (re-running a task changes nothing).
 */
export function checkTakeover(
  existing: KubeObject,
  key: ObjectKey,
  access: TenantAccess,
): void {
  const labels = existing.metadata.labels ?? {};
  const annotations = existing.metadata.annotations ?? {};
  const tenant = labels[LABEL_TENANT];
  const owner = annotations[ANNOTATION_OWNER];
  if (
    (tenant !== undefined && tenant !== access.tenant) ||
    (owner !== undefined && owner !== access.groupRef)
  ) {
    throw new NotAllowedError(
      `${describeKey(key)} already exists and belongs to tenant '${
        tenant ?? owner
      }'; Fractal never takes over another tenant's resource`,
    );
  }
  const managedBy = labels[LABEL_MANAGED_BY];
  const fieldManagers = managers(existing);
  if (
    managedBy !== MANAGED_BY_VALUE ||
    (fieldManagers.length > 0 && !fieldManagers.includes(FIELD_MANAGER))
  ) {
    throw new ConflictError(
      `${describeKey(
        key,
      )} already exists and is not managed by Fractal (${LABEL_MANAGED_BY}: ${
        managedBy ?? 'unset'
      }; field managers: ${
        fieldManagers.join(', ') || 'none'
      }); Fractal does not take over resources created elsewhere. Choose another name, or delete or adopt it outside the portal`,
    );
  }
}

/** Options of {@link createApplyAction}. */
export type ApplyActionOptions = Pick<
  ActionServices,
  'authorizer' | 'compiler' | 'clusters' | 'reporter'
>;

/**
 * `platform:resource:apply`: applies a compiled manifest with server-side
 * apply (field manager `fractal`), after a server-side dry run. Idempotent;
 * refuses to take over resources of other tenants or not managed by Fractal;
 * in a template dry run, applies nothing and reports the manifest.
 */
export function createApplyAction(options: ApplyActionOptions) {
  const { authorizer, compiler, clusters, reporter } = options;
  return createTemplateAction({
    id: 'platform:resource:apply',
    description:
      "Applies a compiled platform resource with server-side apply (field manager 'fractal') after a server-side dry run; idempotent, refuses to take over another tenant's resource or one not managed by Fractal",
    examples,
    supportsDryRun: true,
    schema: {
      input: applyInputSchema,
      output: {
        cluster: z => z.string(),
        apiVersion: z => z.string(),
        kind: z => z.string(),
        namespace: z => z.string().optional(),
        name: z => z.string(),
        uid: z =>
          z
            .string()
            .optional()
            .describe('UID of the applied object (absent in dry runs)'),
        resourceVersion: z => z.string().optional(),
        created: z =>
          z.boolean().describe('True when this step created the object'),
        changed: z =>
          z
            .boolean()
            .describe(
              'False when the object was already as compiled (a re-run)',
            ),
        dryRun: z =>
          z
            .boolean()
            .describe('True when nothing was applied (template dry run)'),
        yaml: z => z.string().describe('The applied manifest as YAML'),
      },
    },
    async handler(ctx) {
      const input = parseInput(applyInputSchema, ctx.input);
      const manifest = input.manifest;
      const tenantLabel = readTenantLabel(manifest);
      const subject = () => ({
        tenant:
          typeof tenantLabel === 'string' ? safeTenant(tenantLabel) : 'unknown',
        kind: typeof manifest.kind === 'string' ? manifest.kind : 'unknown',
      });
      await withRunOutcome(
        ctx,
        reporter,
        subject,
        input.reportSuccess ?? false,
        async () => {
          if (typeof tenantLabel !== 'string') {
            throw new InputError(
              `manifest.metadata.labels["${LABEL_TENANT}"] is required: pass the manifest output of platform:resource:compile`,
            );
          }
          const access = await authorizer.authorize(
            tenantLabel,
            await ctx.getInitiatorCredentials(),
          );
          const verified = await compiler.verify(manifest, input.cluster, {
            access,
            template: ctx.templateInfo?.entityRef,
          });
          const { key } = verified;
          const meta = {
            cluster: verified.cluster,
            kind: key.kind,
            namespace: key.namespace,
            tenant: access.tenant,
            via: access.via,
          };
          ctx.output('cluster', verified.cluster);
          ctx.output('apiVersion', key.apiVersion);
          ctx.output('kind', key.kind);
          if (key.namespace) ctx.output('namespace', key.namespace);
          ctx.output('name', key.name);
          ctx.output('yaml', verified.yaml);
          if (ctx.isDryRun) {
            ctx.logger.info(
              `Dry run: would apply ${describeKey(key)} to cluster ${
                verified.cluster
              }; nothing was applied (the manifest is in this step's yaml output)`,
              meta,
            );
            ctx.output('created', false);
            ctx.output('changed', false);
            ctx.output('dryRun', true);
            return;
          }
          const client = await clusters.client(verified.cluster);
          const result = await ctx.checkpoint({
            key: `platform.apply.${verified.cluster}.${key.apiVersion}.${
              key.kind
            }.${key.namespace ?? ''}.${key.name}`,
            fn: async () => {
              const existing = await client.get(key);
              if (existing) checkTakeover(existing, key, access);
              const apply = (dryRun: boolean) =>
                client.apply(key, verified.manifest, {
                  fieldManager: FIELD_MANAGER,
                  dryRun,
                });
              await apply(true);
              const applied = await apply(false);
              return {
                uid: applied.metadata.uid ?? '',
                resourceVersion: applied.metadata.resourceVersion ?? '',
                created: !existing,
                changed:
                  !existing ||
                  existing.metadata.resourceVersion !==
                    applied.metadata.resourceVersion,
              };
            },
          });
          let verb = 'Unchanged:';
          if (result.created) verb = 'Created';
          else if (result.changed) verb = 'Updated';
          ctx.logger.info(
            `${verb} ${describeKey(key)} in cluster ${
              verified.cluster
            } (server-side apply as '${FIELD_MANAGER}')`,
            { ...meta, created: result.created, changed: result.changed },
          );
          ctx.output('uid', result.uid);
          ctx.output('resourceVersion', result.resourceVersion);
          ctx.output('created', result.created);
          ctx.output('changed', result.changed);
          ctx.output('dryRun', false);
        },
      );
    },
  });
}
