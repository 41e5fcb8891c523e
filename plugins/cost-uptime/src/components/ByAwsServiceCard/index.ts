export { ByAwsServiceCard } from './ByAwsServiceCard';
