import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** Output and `ui:options` of the `PlatformTenantPicker` field. */
export const TenantPickerFieldSchema = makeFieldSchema({
  output: z => z.string(),
  uiOptions: z =>
    z.object({
      groupType: z
        .string()
        .optional()
        .describe(
          "Only Groups of this spec.type are tenants (default 'team'; '*' lists every Group the user belongs to)",
        ),
      valueFormat: z
        .enum(['name', 'entityRef'])
        .optional()
        .describe(
          "Store the Group's name (default, e.g. 'payments') or its entity ref ('group:default/payments')",
        ),
    }),
});

/** Props of the tenant picker field component. */
export type TenantPickerProps = typeof TenantPickerFieldSchema.TProps;
