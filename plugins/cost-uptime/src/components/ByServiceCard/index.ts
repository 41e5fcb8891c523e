export { ByServiceCard } from './ByServiceCard';
