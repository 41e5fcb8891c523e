import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderServiceRef } from '@backstage/plugin-scaffolder-node';
import { alertsServiceRef } from '@internal/plugin-alerts-node';
import {
  environmentPermissions,
  readPricing,
} from '@internal/plugin-environments-common';
import { EnvironmentService } from '@internal/plugin-environments-node';
import { registerEnvironmentActions } from './actions';
import {
  ExampleEnvironments,
  readExampleEnvironments,
} from './examples/ExampleEnvironments';
import { DatabaseEnvironmentStore } from './database/DatabaseEnvironmentStore';
import { StoreRunRecorder } from './database/StoreRunRecorder';
import {
  ClusterReader,
  readClusterLinkTemplates,
} from './cluster/ClusterReader';
import { ExpiryTask, storeDestroyRuns } from './expiry/ExpiryTask';
import { EnvironmentReader } from './service/EnvironmentReader';
import { ExpiryExtender } from './service/ExpiryExtender';
import { createRouter } from './service/router';
import { EnvironmentPauser } from './pause/EnvironmentPauser';
import { PipelineNodeGroupScaler } from './pause/NodeGroupScaler';
import { CostUptimeBills } from './estimate/EnvironmentBills';
import { EstimateChecker } from './estimate/EstimateChecker';
import { EstimateCheckTask } from './estimate/EstimateCheckTask';
import { RunLogReader } from './runLog/RunLogReader';

/**
 * Environments: the state-and-runs and extend-expiry routes (runs and
 * states in the plugin's database), the expiry task, and the
 * environment actions of the actions registry (served to AI agents by the
 * MCP actions backend). The scaffolder actions and the catalog provider are
 * modules of those plugins (scaffolder-backend-module-environments,
 * catalog-backend-module-environments).
 */
export const environmentsPlugin = createBackendPlugin({
  pluginId: 'environments',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        alerts: alertsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        scaffolderService: scaffolderServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        deps.permissionsRegistry.addPermissions(environmentPermissions);
        if (!config.has('platform.iac')) {
          logger.info(
            'platform.iac is not configured; the environments plugin serves nothing',
          );
          return;
        }
        const service = EnvironmentService.fromConfig(config, deps);
        const store = await DatabaseEnvironmentStore.create(deps.database);
        const extender = new ExpiryExtender({ ...deps, service, store });
        const reader = new EnvironmentReader({ ...deps, service, store });
        const pauser = new EnvironmentPauser({
          service,
          permissions: deps.permissions,
          store,
          scaler: new PipelineNodeGroupScaler(service, logger),
          logger: logger.child({ task: 'environment-pause' }),
          now: () => new Date(),
        });
        const pricing = readPricing(config);
        const bills = new CostUptimeBills(deps);
        const clusters = new ClusterReader({
          service,
          reader,
          links: readClusterLinkTemplates(config),
        });
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            extender,
            reader,
            store,
            pauser,
            clusters,
            logs: new RunLogReader({ reader, jenkins: service.jenkins }),
            estimates: new EstimateChecker({ reader, service, bills, pricing }),
          }),
        );
        // The same operations for AI agents (MCP), as the calling user.
        registerEnvironmentActions({
          actionsRegistry: deps.actionsRegistry,
          service,
          extender,
          reader,
          pricing,
          catalog: deps.catalog,
          scaffolder: deps.scaffolderService,
          auditor: deps.auditor,
          appBaseUrl: config.getString('app.baseUrl'),
        });
        // Local portals only (platform.environments.examples): after start-up,
        // without holding it up.
        const examples = new ExampleEnvironments({
          names: readExampleEnvironments(config),
          service,
          store,
          recorder: new StoreRunRecorder(store),
          logger: logger.child({ task: 'example-environments' }),
          vpcName: config.getOptionalString('platform.environments.vpcName'),
        });
        deps.lifecycle.addStartupHook(() => {
          void examples.provisionAll();
        });
        await EstimateCheckTask.schedule({
          service,
          store,
          bills,
          pricing,
          alerts: deps.alerts,
          scheduler: deps.scheduler,
          logger: logger.child({ task: 'environment-estimate-check' }),
        });
        if (
          config.getOptionalBoolean('platform.environments.expiry.enabled') ??
          true
        ) {
          await ExpiryTask.schedule({
            service,
            scheduler: deps.scheduler,
            alerts: deps.alerts,
            logger: logger.child({ task: 'environment-expiry' }),
            config,
            recorder: new StoreRunRecorder(store),
            runs: storeDestroyRuns(store),
          });
        }
      },
    });
  },
});
