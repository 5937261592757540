import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ManifestPreview, ManifestPreviewFieldSchema } from './ManifestPreview';
import {
  TenantPicker,
  TenantPickerFieldSchema,
  validateTenant,
} from './TenantPicker';

/** `ui:field: PlatformTenantPicker` for the new frontend system. */
export const tenantPickerFormField = createFormField({
  name: 'PlatformTenantPicker',
  component: TenantPicker,
  validation: validateTenant,
  schema: TenantPickerFieldSchema,
});

/** `ui:field: PlatformManifestPreview` for the new frontend system. */
export const manifestPreviewFormField = createFormField({
  name: 'PlatformManifestPreview',
  component: ManifestPreview,
  schema: ManifestPreviewFieldSchema,
});
