export { TenantPicker } from './TenantPicker';
export { TenantPickerFieldSchema } from './schema';
export { validateTenant } from './validation';
