export { PlatformResourcesCard } from './PlatformResourcesCard';
