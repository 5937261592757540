export { ProvisioningCard } from './ProvisioningCard';
