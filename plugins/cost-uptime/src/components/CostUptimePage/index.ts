export { CostUptimePage } from './CostUptimePage';
