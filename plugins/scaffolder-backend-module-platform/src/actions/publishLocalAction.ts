import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  isError,
  NotFoundError,
} from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { validateDns1123Label } from '@fractal/backstage-plugin-platform-common';
import git from 'isomorphic-git';
import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { LocalPublishSettings } from '../config/readLocalPublishConfig';
import { examples } from './publishLocalAction.examples';
import { parseInput, type Zod } from './parseInput';

/** The input of `platform:publish:local`. */
export const publishLocalInputSchema = (z: Zod) =>
  z.object({
    name: z
      .string()
      .min(1)
      .max(63)
      .describe(
        'Repository name: the directory under the configured root (a DNS-1123 label)',
      ),
    sourcePath: z
      .string()
      .max(1024)
      .optional()
      .describe(
        'Workspace directory to publish (default: the whole workspace)',
      ),
    catalogInfoPath: z
      .string()
      .max(1024)
      .optional()
      .describe(
        'Path of the catalog file inside the repository (default `catalog-info.yaml`)',
      ),
    commitMessage: z
      .string()
      .max(500)
      .optional()
      .describe('Message of the initial commit'),
  });

/** Options of {@link createPublishLocalAction}. */
export interface PublishLocalActionOptions {
  catalog: CatalogService;
  /** Undefined when `platform.scaffolder.localPublish` is not configured. */
  settings?: LocalPublishSettings;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Entity refs declared in a catalog file. */
function entityRefsOf(text: string, file: string): string[] {
  const refs: string[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      throw new InputError(
        `${file} is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    const entity: unknown = doc.toJS();
    const metadata = isRecord(entity) ? entity.metadata : undefined;
    const kind = isRecord(entity) ? entity.kind : undefined;
    const name = isRecord(metadata) ? metadata.name : undefined;
    if (typeof kind === 'string' && typeof name === 'string') {
      const namespace = isRecord(metadata) ? metadata.namespace : undefined;
      refs.push(
        stringifyEntityRef(
          parseEntityRef(name, {
            defaultKind: kind,
            defaultNamespace:
              typeof namespace === 'string' ? namespace : 'default',
          }),
        ),
      );
    }
  }
  return refs;
}

/**
 * `platform:publish:local`: publishes the workspace as a new local Git
 * repository under the configured directory and refreshes the catalog
 * location that reads its `catalog-info.yaml`, so the new entities appear in
 * the catalog. For portals without a Git host (local development, demos);
 * with a Git host use `publish:github` and `catalog:register` instead.
 */
export function createPublishLocalAction(options: PublishLocalActionOptions) {
  const { catalog, settings } = options;
  return createTemplateAction({
    id: 'platform:publish:local',
    description:
      'Publishes the workspace as a new local Git repository and refreshes the catalog location that reads it (for portals without a Git host)',
    examples,
    supportsDryRun: true,
    schema: {
      input: publishLocalInputSchema,
      output: {
        repoPath: z =>
          z.string().describe('Absolute path of the new repository'),
        remoteUrl: z => z.string().describe('`file://` URL of the repository'),
        catalogInfoPath: z =>
          z.string().describe('Absolute path of its catalog file'),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe('The first entity the catalog file declares'),
        commitHash: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const input = parseInput(publishLocalInputSchema, ctx.input);
      if (!settings) {
        throw new InputError(
          'platform:publish:local is not configured: set platform.scaffolder.localPublish.directory and add its catalog location',
        );
      }
      const problems = validateDns1123Label(input.name);
      if (problems.length > 0) {
        throw new InputError(`name: ${problems.join('; ')}`);
      }
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        input.sourcePath ?? '.',
      );
      const repoPath = resolveSafeChildPath(settings.directory, input.name);
      const catalogFile = input.catalogInfoPath ?? 'catalog-info.yaml';
      const sourceCatalog = resolveSafeChildPath(source, catalogFile);
      if (!fs.existsSync(sourceCatalog)) {
        throw new InputError(
          `catalogInfoPath: the workspace has no ${catalogFile}`,
        );
      }
      const refs = entityRefsOf(
        fs.readFileSync(sourceCatalog, 'utf8'),
        catalogFile,
      );
      const locationRef = `location:default/${locationSpecToMetadataName({
        type: 'file',
        target: settings.catalogLocation,
      })}`;
      const credentials = await ctx.getInitiatorCredentials();
      /**
       * Schedules the catalog location that reads the repositories for
       * processing. It doubles as the check that the location exists: while
       * its glob matches nothing the catalog never shows the location entity,
       * but it knows it.
       */
      const refreshLocation = async () => {
        try {
          await catalog.refreshEntity(locationRef, { credentials });
        } catch (error) {
          if (isError(error) && error.name === 'NotFoundError') {
            throw new NotFoundError(
              `The catalog has no file location '${settings.catalogLocation}'; add it to catalog.locations so published repositories appear in the catalog`,
              error,
            );
          }
          throw error;
        }
      };
      ctx.output('repoPath', repoPath);
      ctx.output('remoteUrl', `file://${repoPath}`);
      ctx.output(
        'catalogInfoPath',
        resolveSafeChildPath(repoPath, catalogFile),
      );
      if (refs[0]) ctx.output('entityRef', refs[0]);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would publish the workspace to ${repoPath}`);
        return;
      }
      await refreshLocation();
      const commitHash = await ctx.checkpoint({
        key: `platform.publish.local.${input.name}`,
        fn: async () => {
          if (fs.existsSync(repoPath)) {
            throw new ConflictError(
              `A repository named '${input.name}' already exists; choose another name`,
            );
          }
          await fs.promises.mkdir(settings.directory, { recursive: true });
          await fs.promises.cp(source, repoPath, { recursive: true });
          await git.init({ fs, dir: repoPath, defaultBranch: 'main' });
          for (const [filepath] of await git.statusMatrix({
            fs,
            dir: repoPath,
          })) {
            await git.add({ fs, dir: repoPath, filepath });
          }
          const author = {
            name:
              ctx.user?.entity?.spec?.profile?.displayName ??
              ctx.user?.ref ??
              'Fractal',
            email:
              ctx.user?.entity?.spec?.profile?.email ?? 'fractal@localhost',
          };
          return git.commit({
            fs,
            dir: repoPath,
            message: input.commitMessage ?? 'Initial commit from Fractal',
            author,
          });
        },
      });
      ctx.output('commitHash', commitHash);
      await refreshLocation();
      ctx.logger.info(
        `Published ${input.name} to ${repoPath} and refreshed the catalog location`,
        {
          repository: input.name,
          entities: refs.length,
        },
      );
    },
  });
}
