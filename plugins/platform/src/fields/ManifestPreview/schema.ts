import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** Output and `ui:options` of the `PlatformManifestPreview` field. */
export const ManifestPreviewFieldSchema = makeFieldSchema({
  output: z => z.string().optional(),
  uiOptions: z =>
    z.object({
      kind: z
        .string()
        .optional()
        .describe(
          'The platform kind, when the template is for one kind (else read from the form)',
        ),
      fields: z
        .object({
          kind: z.string().optional(),
          tenant: z.string().optional(),
          name: z.string().optional(),
          environment: z.string().optional(),
          cluster: z.string().optional(),
          parameters: z.string().optional(),
        })
        .optional()
        .describe(
          'Names of the form fields to read (defaults: kind, tenant, name, environment, cluster, parameters)',
        ),
      parameterFields: z
        .array(z.string())
        .optional()
        .describe(
          'Top-level form fields sent as parameters, for forms without a parameters object',
        ),
      debounceMs: z
        .number()
        .optional()
        .describe(
          'Wait this long after the last change before compiling (default 500)',
        ),
    }),
});

/** Props of the manifest preview field component. */
export type ManifestPreviewProps = typeof ManifestPreviewFieldSchema.TProps;

/** The `ui:options` of the manifest preview. */
export type ManifestPreviewOptions = NonNullable<
  ManifestPreviewProps['uiSchema']['ui:options']
>;
