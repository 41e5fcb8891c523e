import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import express from 'express';
import { readCostUptimeOptions } from '../config';
import type { CostStore } from '../database/CostStore';
import type { AllocationReportService } from '../service/AllocationReportService';
import { ReportService } from '../service/ReportService';
import { createRouter } from '../service/router';

/** An account whose cost is tagged by environment only. */
const ENVIRONMENTS_ONLY = { costExplorer: { tagKeys: ['environment'] } };

/** A ReportService over `store` as of `now`, with no catalog entities. */
export function testReport(
  store: CostStore,
  now: Date,
  costUptime: JsonObject = ENVIRONMENTS_ONLY,
) {
  return new ReportService(
    store,
    readCostUptimeOptions(new ConfigReader({ costUptime })),
    { list: async () => [] },
    () => now,
  );
}

/**
 * An app serving the REST API over `report` and `store` at `path`, with mock
 * auth and permissions and the backend's error handler. The allocation
 * route is not served; a run is triggered into nothing.
 */
export async function testApiApp(
  report: ReportService,
  store: CostStore,
  options: { path?: string; now?: () => Date } = {},
) {
  const app = express();
  app.use(
    options.path ?? '/',
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      report,
      allocations: {} as AllocationReportService,
      store,
      triggerRun: async () => {},
      now: options.now,
    }),
  );
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return app;
}
