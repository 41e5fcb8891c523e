import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CostUptimeApi } from '@internal/plugin-cost-uptime-common';

/** The cost and uptime REST API, documented in cost-uptime-common. */
export type { CostUptimeApi };

export const costUptimeApiRef = createApiRef<CostUptimeApi>().with({
  id: 'plugin.cost-uptime.api',
  pluginId: 'cost-uptime',
});
