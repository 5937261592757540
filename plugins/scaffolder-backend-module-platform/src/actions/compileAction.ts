import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { parseTenant } from '../authorization/TenantAuthorizer';
import type { ActionServices } from './ActionServices';
import { examples } from './compileAction.examples';
import { parseInput, type Zod } from './parseInput';
import { withRunOutcome } from './runOutcome';

/** The input of `platform:resource:compile`. */
export const compileInputSchema = (z: Zod) =>
  z.object({
    kind: z
      .string()
      .min(1)
      .max(253)
      .describe(
        'Platform kind, e.g. `PostgreSQLInstance`; write `<group>/<Kind>` when several groups offer the same kind',
      ),
    apiVersion: z
      .string()
      .max(253)
      .optional()
      .describe(
        '`<group>/<version>` to pin a version of the kind (default: the CRD storage version)',
      ),
    tenant: z
      .string()
      .min(1)
      .max(253)
      .describe(
        'The tenant Group that owns the resource, as a name (`payments`) or entity ref (`group:default/payments`); the initiating user must be a member or hold `platform.admin`. The namespace follows from it',
      ),
    name: z
      .string()
      .min(1)
      .max(253)
      .describe(
        'Name of the resource: a DNS-1123 label (lowercase letters, digits, `-`; at most 63)',
      ),
    cluster: z
      .string()
      .max(253)
      .optional()
      .describe(
        'Target cluster (default: the first cluster of `environment`, else the first configured cluster)',
      ),
    environment: z
      .string()
      .max(63)
      .optional()
      .describe(
        "Environment whose defaults apply (default: the cluster's environment)",
      ),
    parameters: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'The form values: become `spec.parameters`, on top of the platform, environment and tenant defaults',
      ),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        "Extra labels (Fractal's own and Kubernetes' reserved keys are refused)",
      ),
    component: z
      .string()
      .max(253)
      .optional()
      .describe(
        'Entity ref of the catalog Component the resource serves, e.g. `component:default/payments-api`',
      ),
    writeTo: z
      .string()
      .max(1024)
      .optional()
      .describe(
        'Workspace path to write the YAML to (e.g. `deploy/orders-db.yaml`), to hand it to a GitOps repository with the publish actions',
      ),
    reportSuccess: z
      .boolean()
      .optional()
      .describe(
        "Report the template run as succeeded when this step succeeds (set it when compile is the template's last platform step, e.g. GitOps). Failures are always reported",
      ),
  });

/** Options of {@link createCompileAction}. */
export type CompileActionOptions = Pick<
  ActionServices,
  'authorizer' | 'compiler' | 'reporter'
>;

/**
 * `platform:resource:compile`: compiles form input and the layered defaults
 * into one final platform resource, and returns it (object and YAML) with
 * the provenance of every field. Reads the kind's CRD and the tenant's
 * namespace from the target cluster; writes nothing to it.
 */
export function createCompileAction(options: CompileActionOptions) {
  const { authorizer, compiler, reporter } = options;
  return createTemplateAction({
    id: 'platform:resource:compile',
    description:
      "Compiles form input and the platform's layered defaults into one final, schema-valid platform resource (object and YAML) with the provenance of every field; optionally writes the YAML into the workspace for GitOps",
    examples,
    supportsDryRun: true,
    schema: {
      input: compileInputSchema,
      output: {
        manifest: z =>
          z.record(z.string(), z.unknown()).describe('The compiled manifest'),
        yaml: z => z.string().describe('The manifest as YAML'),
        provenance: z =>
          z
            .array(z.object({ path: z.string(), layer: z.string() }))
            .describe(
              'Where each field came from: schema, platform, environment, tenant, user or fractal',
            ),
        cluster: z => z.string().describe('Target cluster'),
        environment: z =>
          z.string().describe('Environment whose defaults applied'),
        namespace: z =>
          z.string().optional().describe('Namespace, from the tenant mapping'),
        apiVersion: z => z.string(),
        kind: z => z.string(),
        name: z => z.string(),
        path: z =>
          z
            .string()
            .optional()
            .describe('Workspace path of the YAML, when written'),
      },
    },
    async handler(ctx) {
      const input = parseInput(compileInputSchema, ctx.input);
      const subject = () => ({
        tenant: safeTenant(input.tenant),
        kind: input.kind,
      });
      await withRunOutcome(
        ctx,
        reporter,
        subject,
        input.reportSuccess ?? false,
        async () => {
          compiler.precheck(input);
          const writePath =
            input.writeTo === undefined
              ? undefined
              : resolveSafeChildPath(ctx.workspacePath, input.writeTo);
          const access = await authorizer.authorize(
            input.tenant,
            await ctx.getInitiatorCredentials(),
          );
          const compiled = await compiler.compile(
            { ...input, tenant: access.tenant },
            { access, template: ctx.templateInfo?.entityRef },
          );
          const { key } = compiled;
          if (writePath) {
            await fs.mkdir(dirname(writePath), { recursive: true });
            await fs.writeFile(writePath, compiled.yaml, 'utf8');
          }
          ctx.logger.info(
            `Compiled ${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${
              key.name
            } for cluster ${compiled.cluster} (${compiled.environment})`,
            {
              cluster: compiled.cluster,
              kind: key.kind,
              namespace: key.namespace,
              tenant: access.tenant,
              fields: compiled.provenance.length,
              via: access.via,
            },
          );
          ctx.output('manifest', compiled.manifest);
          ctx.output('yaml', compiled.yaml);
          ctx.output('provenance', compiled.provenance);
          ctx.output('cluster', compiled.cluster);
          ctx.output('environment', compiled.environment);
          if (key.namespace) ctx.output('namespace', key.namespace);
          ctx.output('apiVersion', key.apiVersion);
          ctx.output('kind', key.kind);
          ctx.output('name', key.name);
          if (input.writeTo !== undefined) ctx.output('path', input.writeTo);
        },
      );
    },
  });
}

/** The tenant name for reports; the raw input when it does not parse. */
export function safeTenant(input: string): string {
  try {
    return parseTenant(input).name;
  } catch {
    return input.slice(0, 63);
  }
}
