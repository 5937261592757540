import { createMockDirectory } from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { locationSpecToMetadataName } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import git from 'isomorphic-git';
import * as fs from 'node:fs';
import { actionContext } from '../__testUtils__/actionContext';
import { runExample, stepRunner } from '../__testUtils__/runExample';
import { createPublishLocalAction } from './publishLocalAction';
import { examples } from './publishLocalAction.examples';

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-api
spec:
  type: service
  owner: group:default/payments
  lifecycle: experimental
`;

describe('platform:publish:local', () => {
  const root = createMockDirectory();
  const workspace = createMockDirectory();
  const settings = {
    directory: root.resolve('repositories'),
    catalogLocation: root.resolve('repositories/*/catalog-info.yaml'),
  };
  const locationEntity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: locationSpecToMetadataName({
        type: 'file',
        target: settings.catalogLocation,
      }),
      namespace: 'default',
    },
    spec: { type: 'file', target: settings.catalogLocation },
  };

  beforeEach(() => {
    root.clear();
    workspace.setContent({
      'catalog-info.yaml': CATALOG_INFO,
      'README.md': '# orders-api\n',
      'src/index.ts': 'export {};\n',
    });
  });

  /** The catalog refreshes only what it knows, as the real one does. */
  function setup(entities: Entity[] = [locationEntity]) {
    const catalog = catalogServiceMock({ entities });
    jest.spyOn(catalog, 'refreshEntity').mockImplementation(async ref => {
      if (!entities.some(e => stringifyEntityRef(e) === ref)) {
        throw new NotFoundError(`Failed to schedule ${ref} for refresh`);
      }
    });
    return { catalog, action: createPublishLocalAction({ catalog, settings }) };
  }

  it('publishes the workspace as a git repository and refreshes the catalog location', async () => {
    const { catalog, action } = setup();
    const run = actionContext(action, {
      input: { name: 'orders-api' },
      workspacePath: workspace.path,
    });
    await run.run();
    const repoPath = root.resolve('repositories/orders-api');
    expect(run.outputs()).toMatchObject({
      repoPath,
      remoteUrl: `file://${repoPath}`,
      catalogInfoPath: `${repoPath}/catalog-info.yaml`,
      entityRef: 'component:default/orders-api',
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(fs.readFileSync(`${repoPath}/catalog-info.yaml`, 'utf8')).toBe(
      CATALOG_INFO,
    );
    const [commit] = await git.log({ fs, dir: repoPath });
    expect(commit.commit.message).toBe('Initial commit from Fractal\n');
    const files = await git.listFiles({ fs, dir: repoPath, ref: 'main' });
    expect(files.sort()).toEqual([
      'README.md',
      'catalog-info.yaml',
      'src/index.ts',
    ]);
    // Before publishing (the location exists) and after (read the new repository).
    expect(catalog.refreshEntity).toHaveBeenCalledTimes(2);
    expect(catalog.refreshEntity).toHaveBeenLastCalledWith(
      `location:default/${locationEntity.metadata.name}`,
      expect.anything(),
    );
  });

  it('runs its example after a rendered skeleton', async () => {
    const { action } = setup();
    const outputs = await runExample(
      examples[0].example,
      {
        'fetch:template': async () => ({}),
        'platform:publish:local': stepRunner(action),
      },
      { workspacePath: workspace.path },
    );
    expect(outputs.get('publish')).toMatchObject({
      entityRef: 'component:default/orders-api',
    });
  });

  it('never overwrites an existing repository', async () => {
    const { action, catalog } = setup();
    fs.mkdirSync(root.resolve('repositories/orders-api'), { recursive: true });
    const run = actionContext(action, {
      input: { name: 'orders-api' },
      workspacePath: workspace.path,
    });
    await expect(run.run()).rejects.toMatchObject({ name: 'ConflictError' });
    // Only the check that the location exists.
    expect(catalog.refreshEntity).toHaveBeenCalledTimes(1);
  });

  it.each<
    [string, { name: string } & Record<string, string>, Entity[], string]
  >([
    [
      'a name that is not a DNS label',
      { name: '../escape' },
      [locationEntity],
      'InputError',
    ],
    [
      'a source outside the workspace',
      { name: 'x', sourcePath: '../..' },
      [locationEntity],
      'NotAllowedError',
    ],
    [
      'a missing catalog file',
      { name: 'x', catalogInfoPath: 'nope.yaml' },
      [locationEntity],
      'InputError',
    ],
    ['a catalog without the location', { name: 'x' }, [], 'NotFoundError'],
  ])(
    'refuses %s and writes nothing',
    async (_case, input, entities, errorName) => {
      const { action } = setup(entities);
      const run = actionContext(action, {
        input,
        workspacePath: workspace.path,
      });
      await expect(run.run()).rejects.toMatchObject({ name: errorName });
      expect(fs.existsSync(settings.directory)).toBe(false);
    },
  );

  it('refuses to run when it is not configured', async () => {
    const action = createPublishLocalAction({ catalog: catalogServiceMock() });
    const run = actionContext(action, {
      input: { name: 'x' },
      workspacePath: workspace.path,
    });
    await expect(run.run()).rejects.toThrow(
      /platform.scaffolder.localPublish.directory/,
    );
  });

  it('writes nothing in a dry run', async () => {
    const { action, catalog } = setup();
    const run = actionContext(action, {
      input: { name: 'orders-api' },
      workspacePath: workspace.path,
      isDryRun: true,
    });
    await run.run();
    expect(run.outputs().repoPath).toBe(
      root.resolve('repositories/orders-api'),
    );
    expect(fs.existsSync(settings.directory)).toBe(false);
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
  });
});
