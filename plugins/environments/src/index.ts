export { default, environmentsTranslations } from './plugin';
export { environmentsTranslationRef } from './translation';
export {
  estimateMonthlyCost,
  readPricing,
  DEFAULT_PRICING,
  type Pricing,
  type CostEstimate,
} from '@internal/plugin-environments-common';
