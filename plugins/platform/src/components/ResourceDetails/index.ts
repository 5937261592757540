export { ResourceDetailsDialog } from './ResourceDetailsDialog';
export { ResourceDetailsPanel } from './ResourceDetailsPanel';
export { ResourceDetailsView } from './ResourceDetailsView';
export { ResourceEvents } from './ResourceEvents';
export { ResourceTree } from './ResourceTree';
