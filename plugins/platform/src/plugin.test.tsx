import type { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { screen, within } from '@testing-library/react';
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
import { entities } from './__testUtils__/entities';

// Rendering a test app is slow on a busy machine; these tests wait for real debounces.
jest.setTimeout(30_000);

const NOW = Date.now();
const apis = [[platformApiRef, new MockPlatformApi({ now: NOW })]] as const;

type Card =
  | typeof resourcesEntityCard
  | typeof provisioningEntityCard
  | typeof resourceStatusEntityCard;

// The tester is typed per extension: narrow the union before creating it.
function cardTester(card: Card) {
  if (card === resourcesEntityCard) {
    return createExtensionTester(resourcesEntityCard, { apis });
  }
  if (card === provisioningEntityCard) {
    return createExtensionTester(provisioningEntityCard, { apis });
  }
  return createExtensionTester(resourceStatusEntityCard, { apis });
}

function cardFilter(card: Card) {
  return cardTester(card).get(EntityCardBlueprint.dataRefs.filterFunction);
}

function cardElement(card: Card) {
  return cardTester(card).reactElement();
}

function fieldLoader(
  field:
    | typeof tenantPickerFormFieldExtension
    | typeof manifestPreviewFormFieldExtension,
) {
  return field === tenantPickerFormFieldExtension
    ? createExtensionTester(tenantPickerFormFieldExtension).get(
        FormFieldBlueprint.dataRefs.formFieldLoader,
      )
    : createExtensionTester(manifestPreviewFormFieldExtension).get(
        FormFieldBlueprint.dataRefs.formFieldLoader,
      );
}

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
    // The page is loaded lazily: allow for a slow first import.
    expect(
      await screen.findByRole(
        'group',
        { name: 'Time window' },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(nav).getByRole('link', { name: 'Platform scoreboard' }),
    ).toHaveAttribute('href', '/platform');
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
    [
      'resources',
      resourcesEntityCard,
      [entities.component, system, group],
      [api, entities.resource],
    ],
    [
      'provisioning',
      provisioningEntityCard,
      [group],
      [otherGroup, entities.component],
    ],
    [
      'resource status',
      resourceStatusEntityCard,
      [entities.resource],
      [{ ...entities.resource, metadata: { name: 'x' } }, entities.component],
    ],
  ] as const)(
    'shows the %s card on the right entities',
    (_name, card, shown, hidden) => {
      const filter = cardFilter(card);
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
    [
      'resources',
      resourcesEntityCard,
      entities.component,
      'Platform resources',
      { role: 'table', name: 'Platform resources' },
    ],
    [
      'provisioning',
      provisioningEntityCard,
      entities.group,
      'Provisioning',
      { role: 'heading', name: 'Instances by kind' },
    ],
    [
      'resource status',
      resourceStatusEntityCard,
      entities.resource,
      'Platform status',
      { role: 'button', name: 'Show tree and Events' },
    ],
  ] as const)(
    'renders the %s card with data in a test app',
    async (_name, card, entity, title, loaded) => {
      await renderInTestApp(
        <EntityProvider entity={entity}>{cardElement(card)}</EntityProvider>,
        { apis },
      );
      expect(await screen.findByText(title)).toBeInTheDocument();
      expect(
        await screen.findByRole(loaded.role, { name: loaded.name }),
      ).toBeInTheDocument();
    },
  );

  it.each([
    ['tenant picker', tenantPickerFormFieldExtension],
    ['manifest preview', manifestPreviewFormFieldExtension],
  ] as const)(
    'provides the %s form field to the scaffolder',
    async (_name, field) => {
      const loader = fieldLoader(field);
      const loaded = await loader();
      expect(loaded.$$type).toBe('@backstage/scaffolder/FormField');
    },
  );
});
