export { ResourceStatusCard } from './ResourceStatusCard';
export { ResourceDetailsContent } from './ResourceDetailsContent';
export {
  isPlatformResourceEntity,
  platformResourceOf,
} from './platformResourceAnnotation';
