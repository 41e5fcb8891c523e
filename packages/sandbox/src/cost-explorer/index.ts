export {
  createCostExplorerHandler,
  costExplorerStandIn,
  type CostExplorerControl,
  type CostExplorerState,
  type CostExplorerHandlerOptions,
} from './CostExplorerStandIn.ts';
export { SIMPLE_MODEL, dailyCost, type DailyCostModel } from './data.ts';
export {
  exampleAccount,
  type BillingLine,
  type LineModel,
} from './exampleAccount.ts';
export { billerOf, type Biller, type CostModel } from './billing.ts';
export { renameTagKeys } from './renameTagKeys.ts';
