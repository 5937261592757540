export { UpdatedAgo, updatedAgoText } from './UpdatedAgo';
