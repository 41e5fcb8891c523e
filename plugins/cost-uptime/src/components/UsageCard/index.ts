export { UsageCard, type UsageGranularity } from './UsageCard';
