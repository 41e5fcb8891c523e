export {
  createCostExplorerHandler,
  costExplorerStandIn,
  type CostExplorerControl,
  type CostExplorerState,
  type CostExplorerHandlerOptions,
} from './CostExplorerStandIn.ts';
export { DEFAULT_MODEL, dailyCost, type DailyCostModel } from './data.ts';
