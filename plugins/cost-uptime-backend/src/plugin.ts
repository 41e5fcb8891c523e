import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { alertsServiceRef } from '@internal/plugin-alerts-node';
import { costUptimePermissions } from '@internal/plugin-cost-uptime-common';
import { registerAllocationAction } from './actions/allocationAction';
import { registerCostUptimeActions } from './actions/costUptimeActions';
import { CostAlertDetector } from './alerting/CostAlertDetector';
import { costUptimeClockServiceRef } from './clock';
import { readCostUptimeOptions } from './config';
import { Collector } from './collector/Collector';
import { createCollectionMetrics } from './collector/collectionMetrics';
import { scheduleCollection } from './collector/scheduleCollection';
import { DatabaseAllocationStore } from './database/AllocationStore';
import { DatabaseCostStore } from './database/DatabaseCostStore';
import { AllocationReportService } from './service/AllocationReportService';
import { EntityDirectory } from './service/EntityDirectory';
import { ReportService } from './service/ReportService';
import { createRouter } from './service/router';

/**
 * Cost and uptime: collects billing data (AWS Cost Explorer), usage and
 * availability (Prometheus) on a schedule and serves the dashboard's API.
 */
export const costUptimePlugin = createBackendPlugin({
  pluginId: 'cost-uptime',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        alerts: alertsServiceRef,
        clock: costUptimeClockServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        metrics: metricsServiceRef,
      },
      async init(deps) {
        const options = readCostUptimeOptions(deps.config);
        const now = () => deps.clock.now();
        const store = await DatabaseCostStore.create({
          database: deps.database,
        });
        const entities = new EntityDirectory(
          deps.catalog,
          deps.auth,
          deps.logger,
        );
        const alertOptions = options.alerts;
        const detector = alertOptions
          ? new CostAlertDetector({
              store,
              options: { ...options, alerts: alertOptions },
              alerts: deps.alerts,
              entities,
              logger: deps.logger.child({ source: 'alerts' }),
              now,
            })
          : undefined;
        const collector = new Collector({
          options,
          store,
          detector,
          logger: deps.logger,
          metrics: createCollectionMetrics(deps.metrics),
          now,
          sliTargets: async () => [
            ...(await entities.list())
              .filter(e => e.tagKey === 'service' && e.job)
              .map(e => ({ key: e.tagValue, job: e.job!, kind: e.sli })),
            ...options.prometheus.services.map(job => ({
              key: job,
              job,
              kind: 'up' as const,
            })),
          ],
        });
        const { triggerRun } = await scheduleCollection({
          scheduler: deps.scheduler,
          schedule: options.schedule,
          collector,
        });
        deps.permissionsRegistry.addPermissions(costUptimePermissions);
        const report = new ReportService(store, options, entities, now);
        // The same figures for AI agents (MCP), from the same ReportService.
        registerCostUptimeActions({
          actionsRegistry: deps.actionsRegistry,
          report,
          now,
        });
        // The same database; DatabaseCostStore.create ran the migrations.
        const allocations = new AllocationReportService(
          new DatabaseAllocationStore(await deps.database.getClient()),
          store,
          options,
        );
        registerAllocationAction({
          actionsRegistry: deps.actionsRegistry,
          permissions: deps.permissions,
          allocations,
          now,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            report,
            allocations,
            store,
            triggerRun,
            now,
          }),
        );
      },
    });
  },
});
