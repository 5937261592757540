export { StatusChip, stateLabel, statusDetail } from './StatusChip';
