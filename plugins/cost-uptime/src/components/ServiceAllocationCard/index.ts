export { ServiceAllocationCard } from './ServiceAllocationCard';
