import type { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { screen } from '@testing-library/react';
import { MockPlatformApi, platformApiRef } from './apis';
import {
  manifestPreviewFormFieldExtension,
  platformPlugin,
  provisioningEntityCard,
  resourceEntityContent,
  resourcesEntityCard,
  resourceStatusEntityCard,
  scoreboardPage,
  tenantPickerFormFieldExtension,
} from './plugin';
import { entities } from './testUtils/entities';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const apis = [[platformApiRef, new MockPlatformApi({ now: NOW })]] as const;

describe('platformPlugin', () => {
  it('is the platform plugin', () => {
    expect(platformPlugin.id).toBe('platform');
  });

  it('serves the scoreboard at /platform in an app', async () => {
    renderTestApp({
      features: [platformPlugin],
      apis,
      initialRouteEntries: ['/platform'],
    });
    expect(
      await screen.findByRole('group', { name: 'Time window' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Provisioning time (p50)' }),
    ).toBeInTheDocument();
  });

  it('names the scoreboard page for the navigation', () => {
    const tester = createExtensionTester(scoreboardPage, { apis });
    expect(tester.get(coreExtensionData.title)).toBe('Platform scoreboard');
    expect(tester.get(coreExtensionData.routePath)).toBe('/platform');
  });

  const group = entities.group;
  const otherGroup: Entity = { ...group, spec: { type: 'department' } };
  const system: Entity = { ...entities.component, kind: 'System', spec: {} };
  const api: Entity = { ...entities.component, kind: 'API' };
  it.each([
    ['resources', resourcesEntityCard, [entities.component, system, group], [api, entities.resource]],
    ['provisioning', provisioningEntityCard, [group], [otherGroup, entities.component]],
    ['resource status', resourceStatusEntityCard, [entities.resource], [{ ...entities.resource, metadata: { name: 'x' } }, entities.component]],
  ] as const)(
    'shows the %s card on the right entities',
    (_name, card, shown, hidden) => {
      const filter = createExtensionTester(card, { apis }).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      );
      expect(filter).toBeDefined();
      shown.forEach(entity => expect(filter?.(entity)).toBe(true));
      hidden.forEach(entity => expect(filter?.(entity)).toBe(false));
    },
  );

  it('adds a Platform tab to Resource entities that stand for a platform resource', () => {
    const tester = createExtensionTester(resourceEntityContent, { apis });
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(entities.resource)).toBe(true);
    expect(filter?.(entities.component)).toBe(false);
  });

  it.each([
    ['resources', resourcesEntityCard, entities.component, 'Platform resources', { role: 'table', name: 'Platform resources' }],
    ['provisioning', provisioningEntityCard, entities.group, 'Provisioning', { role: 'heading', name: 'Instances by kind' }],
    ['resource status', resourceStatusEntityCard, entities.resource, 'Platform status', { role: 'button', name: 'Show tree and Events' }],
  ] as const)('renders the %s card with data in a test app', async (_name, card, entity, title, loaded) => {
    await renderInTestApp(
      <EntityProvider entity={entity}>
        {createExtensionTester(card, { apis }).reactElement()}
      </EntityProvider>,
      { apis },
    );
    expect(await screen.findByText(title)).toBeInTheDocument();
    expect(
      await screen.findByRole(loaded.role, { name: loaded.name }),
    ).toBeInTheDocument();
  });

  it.each([
    ['tenant picker', tenantPickerFormFieldExtension],
    ['manifest preview', manifestPreviewFormFieldExtension],
  ] as const)('provides the %s form field to the scaffolder', async (_name, field) => {
    const loader = createExtensionTester(field).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const loaded = await loader();
    expect(loaded.$$type).toBe('@backstage/scaffolder/FormField');
  });
});
