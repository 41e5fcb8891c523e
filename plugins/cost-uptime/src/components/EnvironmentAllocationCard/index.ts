export { EnvironmentAllocationCard } from './EnvironmentAllocationCard';
