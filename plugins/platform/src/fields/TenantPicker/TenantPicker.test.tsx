import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fieldProps } from '../../__testUtils__/fieldProps';
import { TenantPicker } from './TenantPicker';
import { validateTenant } from './validation';

// Rendering a test app is slow on a busy machine; these tests wait for real debounces.
jest.setTimeout(30_000);

function group(
  name: string,
  type: string,
  members: string[],
  displayName?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: {
      type,
      children: [],
      ...(displayName ? { profile: { displayName } } : {}),
    },
    relations: members.map(m => ({ type: 'hasMember', targetRef: m })),
  };
}

const groups = [
  group(
    'payments',
    'team',
    ['user:default/ada', 'user:default/alan'],
    'Payments',
  ),
  group('checkout', 'team', ['user:default/grace']),
  group('platform-team', 'team', ['user:default/alan'], 'Platform team'),
  group('engineering', 'department', ['user:default/ada']),
];

function render(
  user: string,
  uiOptions: { groupType?: string; valueFormat?: 'name' | 'entityRef' } = {},
  formData?: string,
  catalog = catalogApiMock({ entities: groups }),
) {
  const onChange = jest.fn();
  renderInTestApp(
    <TenantPicker
      {...fieldProps<string, typeof uiOptions>({
        onChange,
        formData,
        uiOptions,
        required: true,
        schema: {
          title: 'Team',
          description: 'The team that owns the database',
        },
      })}
    />,
    {
      apis: [
        mockApis.identity({ userEntityRef: user, ownershipEntityRefs: [user] }),
        catalog,
      ],
    },
  );
  return { onChange };
}

describe('TenantPicker', () => {
  it.each([
    ['name', {}, 'payments'],
    [
      'entity ref',
      { valueFormat: 'entityRef' as const },
      'group:default/payments',
    ],
  ])(
    'preselects the only team of the user, stored as its %s',
    async (_name, options, value) => {
      const { onChange } = render('user:default/ada', options);
      await waitFor(() => expect(onChange).toHaveBeenCalledWith(value));
    },
  );

  it('lists the teams the user belongs to and stores the chosen one', async () => {
    const { onChange } = render('user:default/alan');
    const select = await screen.findByRole('combobox', { name: /Team/ });
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.click(select);
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Payments (payments)', 'Platform team (platform-team)']);
    await userEvent.click(
      within(listbox).getByRole('option', {
        name: 'Platform team (platform-team)',
      }),
    );
    expect(onChange).toHaveBeenLastCalledWith('platform-team');
  });

  it('lists Groups of any type with groupType "*"', async () => {
    const { onChange } = render('user:default/ada', { groupType: '*' });
    await userEvent.click(
      await screen.findByRole('combobox', { name: /Team/ }),
    );
    expect(await screen.findAllByRole('option')).toHaveLength(2);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows the current value', async () => {
    render('user:default/alan', {}, 'payments');
    expect(
      await screen.findByRole('combobox', { name: /Team/ }),
    ).toHaveTextContent('Payments');
  });

  it('explains that a user without a team cannot request resources', async () => {
    render('user:default/nobody');
    expect(
      await screen.findByText(/You are not a member of any team/),
    ).toBeInTheDocument();
  });

  it('shows why the teams could not be loaded', async () => {
    const catalog = catalogApiMock.mock({
      getEntities: jest
        .fn()
        .mockRejectedValue(new Error('catalog unavailable')),
      getEntitiesByRefs: jest.fn().mockResolvedValue({ items: [] }),
    });
    render('user:default/ada', {}, undefined, catalog);
    expect(
      await screen.findByText('Could not load your teams: catalog unavailable'),
    ).toBeInTheDocument();
  });
});

describe('validateTenant', () => {
  it.each([
    [undefined, ['Choose the team that will own the resource']],
    ['', ['Choose the team that will own the resource']],
    ['  ', ['Choose the team that will own the resource']],
    ['payments', []],
  ])('%p -> %p', (value, errors) => {
    const addError = jest.fn();
    validateTenant(value as string, { addError, __errors: [] }, {} as never);
    expect(addError.mock.calls.map(c => c[0])).toEqual(errors);
  });
});
