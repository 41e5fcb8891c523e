export { default } from './plugin';
export {
  estimateMonthlyCost,
  readPricing,
  DEFAULT_PRICING,
  type Pricing,
  type CostEstimate,
} from './costEstimate/estimate';
