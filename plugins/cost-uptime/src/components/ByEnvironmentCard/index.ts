export { ByEnvironmentCard } from './ByEnvironmentCard';
