export {
  TenantPicker,
  TenantPickerFieldSchema,
  validateTenant,
} from './TenantPicker';
export { ManifestPreview, ManifestPreviewFieldSchema } from './ManifestPreview';
