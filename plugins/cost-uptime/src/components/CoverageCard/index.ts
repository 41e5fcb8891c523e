export { CoverageCard } from './CoverageCard';
