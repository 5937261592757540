export { ManifestPreview } from './ManifestPreview';
export { ManifestPreviewFieldSchema } from './schema';
