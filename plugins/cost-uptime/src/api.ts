import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CostUptimeClient } from '@internal/plugin-cost-uptime-common';

/** The cost and uptime REST API (see CostUptimeClient for each method). */
export type CostUptimeApi = Pick<
  CostUptimeClient,
  | 'getSummary'
  | 'getAllocation'
  | 'getSeries'
  | 'getUptime'
  | 'getUsage'
  | 'getRuns'
  | 'triggerRun'
  | 'exportCsv'
>;

export const costUptimeApiRef = createApiRef<CostUptimeApi>().with({
  id: 'plugin.cost-uptime.api',
  pluginId: 'cost-uptime',
});
