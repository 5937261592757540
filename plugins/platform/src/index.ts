export { platformPlugin as default } from './plugin';
