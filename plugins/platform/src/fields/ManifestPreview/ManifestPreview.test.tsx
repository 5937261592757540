import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { InputError } from '@backstage/errors';
import type { JsonObject } from '@fractal/backstage-plugin-platform-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { MockPlatformApi, PlatformApi, platformApiRef } from '../../apis';
import { fieldProps } from '../../__testUtils__/fieldProps';
import { ManifestPreview } from './ManifestPreview';
import type { ManifestPreviewOptions } from './schema';

// Rendering a test app is slow on a busy machine; these tests wait for real debounces.
jest.setTimeout(30_000);

function props(
  formData: JsonObject,
  uiOptions: ManifestPreviewOptions,
  onChange = jest.fn(),
) {
  return fieldProps<string | undefined, ManifestPreviewOptions>({
    formContext: { formData },
    uiOptions: { debounceMs: 10, ...uiOptions },
    onChange,
    schema: { title: 'Preview' },
  });
}

async function render(
  api: Partial<PlatformApi>,
  formData: JsonObject,
  uiOptions: ManifestPreviewOptions = {},
) {
  const onChange = jest.fn();
  const result = await renderInTestApp(
    <TestApiProvider apis={[[platformApiRef, api]]}>
      <ManifestPreview {...props(formData, uiOptions, onChange)} />
    </TestApiProvider>,
  );
  const rerender = (next: JsonObject) =>
    result.rerender(
      <TestApiProvider apis={[[platformApiRef, api]]}>
        <ManifestPreview {...props(next, uiOptions, onChange)} />
      </TestApiProvider>,
    );
  return { onChange, rerender };
}

function layerOfLine(table: HTMLElement, text: string) {
  const row = within(table)
    .getByText(text.trim(), { exact: false })
    .closest('tr') as HTMLElement;
  return within(row).getAllByRole('cell')[2].textContent;
}

describe('ManifestPreview', () => {
  it('says which inputs are missing before compiling anything', async () => {
    const api = new MockPlatformApi();
    const compile = jest.spyOn(api, 'compile');
    await render(api, { tenant: 'payments' });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Fill in the kind, name to preview the manifest.',
    );
    expect(compile).not.toHaveBeenCalled();
  });

  it('shows the compiled manifest with the layer that set each value', async () => {
    const api = new MockPlatformApi();
    const { onChange } = await render(
      api,
      {
        tenant: 'payments',
        name: 'orders-db',
        environment: 'production',
        parameters: { version: '15' },
      },
      { kind: 'PostgreSQLInstance' },
    );
    const table = await screen.findByRole('table', {
      name: 'Compiled manifest',
    });
    expect.assertions(9);
    expect(layerOfLine(table, 'kind: PostgreSQLInstance')).toBe('fractal');
    expect(layerOfLine(table, 'storageGB: 50')).toBe('tenant');
    expect(layerOfLine(table, 'highAvailability: true')).toBe('environment');
    expect(layerOfLine(table, 'retentionDays: 30')).toBe('environment');
    expect(layerOfLine(table, 'enabled: true')).toBe('platform');
    expect(layerOfLine(table, 'version: "15"')).toBe('user');
    expect(screen.getByText('prod-eu')).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'Defaults layers' }),
      ).getAllByRole('listitem'),
    ).toHaveLength(5);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('names the invalid fields of a rejected compile', async () => {
    await render(new MockPlatformApi(), {
      kind: 'PostgreSQLInstance',
      tenant: 'payments',
      name: 'Orders_DB',
      parameters: { storageGB: 5000 },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The manifest does not compile');
    const fields = within(alert).getByRole('list', { name: 'Invalid fields' });
    expect(
      within(fields)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      expect.stringMatching(/^name must be at most 63 lower case/),
      'spec.parameters.storageGB must be a number between 1 and 1000',
    ]);
    expect(
      screen.queryByRole('table', { name: 'Compiled manifest' }),
    ).not.toBeInTheDocument();
  });

  it.each([
    [
      'an unavailable backend',
      new Error('Service Unavailable'),
      'The preview is unavailable; you can still submit',
      'Service Unavailable',
    ],
    [
      'an input error without field list',
      new InputError('tenant payments has no namespace on prod-eu'),
      'The manifest does not compile',
      'tenant payments has no namespace on prod-eu',
    ],
  ])('reports %s', async (_name, error, title, message) => {
    await render(
      { compile: jest.fn().mockRejectedValue(error) },
      {
        kind: 'Bucket',
        tenant: 'payments',
        name: 'receipts',
      },
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent(message);
  });

  it('compiles once for a burst of changes, with the latest input', async () => {
    const api = new MockPlatformApi();
    const compile = jest.spyOn(api, 'compile');
    const base = { kind: 'Bucket', tenant: 'payments' };
    const { rerender } = await render(
      api,
      { ...base, name: 'r' },
      { debounceMs: 200 },
    );
    for (const name of ['re', 'rec', 'receipts']) {
      await act(async () => {
        rerender({ ...base, name });
      });
    }
    await screen.findByRole('table', { name: 'Compiled manifest' });
    expect(compile).toHaveBeenCalledTimes(1);
    expect(compile).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'receipts' }),
    );
    await waitFor(() =>
      expect(
        screen.getByText('name: receipts', { exact: false }),
      ).toBeInTheDocument(),
    );
  });
});
