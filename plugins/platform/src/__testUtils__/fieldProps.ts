import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/**
 * The props the scaffolder form passes to a field extension, with test
 * defaults. Only what the plugin's fields read is meaningful.
 */
export function fieldProps<T, TUiOptions extends {}>(
  overrides: Partial<FieldExtensionComponentProps<T, TUiOptions>> & {
    uiOptions?: TUiOptions;
  },
): FieldExtensionComponentProps<T, TUiOptions> {
  const { uiOptions, ...rest } = overrides;
  const props: Partial<FieldExtensionComponentProps<T, TUiOptions>> = {
    schema: {},
    uiSchema: { 'ui:options': uiOptions },
    idSchema: { $id: 'root_field' } as FieldExtensionComponentProps<
      T,
      TUiOptions
    >['idSchema'],
    name: 'field',
    onChange: jest.fn(),
    onBlur: jest.fn(),
    onFocus: jest.fn(),
    disabled: false,
    readonly: false,
    rawErrors: [],
    formContext: {},
    ...rest,
  };
  return props as FieldExtensionComponentProps<T, TUiOptions>;
}
