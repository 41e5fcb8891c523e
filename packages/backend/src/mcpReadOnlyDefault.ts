/*
 * The MCP actions backend always serves every action at its bare endpoint
 * (/api/mcp-actions/v1), writes included. This module of the mcp-actions
 * plugin (modules start before their plugin, so its handler comes first)
 * answers that endpoint with the read-only server of `mcpActions.servers`
 * instead: a client configured with the plain URL gets no write tool.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

/** The named server the bare endpoint stands for. */
const READ_ONLY_SERVER = 'read';

export const mcpReadOnlyDefault = createBackendModule({
  pluginId: 'mcp-actions',
  moduleId: 'read-only-default',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        config: coreServices.rootConfig,
      },
      async init({ httpRouter, config }) {
        if (!config.has(`mcpActions.servers.${READ_ONLY_SERVER}`)) {
          throw new Error(
            `mcpActions.servers.${READ_ONLY_SERVER} must be configured: the bare MCP endpoint serves it`,
          );
        }
        httpRouter.use((req, _res, next) => {
          if (req.path === '/v1' || req.path === '/v1/') {
            const query = req.url.slice(req.path.length);
            req.url = `/v1/${READ_ONLY_SERVER}${query}`;
          }
          next();
        });
      },
    });
  },
});
