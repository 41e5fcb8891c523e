export { CostTrendCard, type TrendRange } from './CostTrendCard';
