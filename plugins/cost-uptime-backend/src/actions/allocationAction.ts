/*
 * An environment's cluster cost split to services, shared and idle, as an
 * action for AI agents: the same AllocationReportService, permission and
 * range rules as GET /api/cost-uptime/allocation.
 */
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { costUptimeAllocationReadPermission } from '@internal/plugin-cost-uptime-common';
import type { AllocationReportService } from '../service/AllocationReportService';
import {
  ALLOCATION_READ_DENIED,
  allocationRange,
} from '../service/allocationRange';
import { requirePermission } from '../service/requirePermission';

export interface AllocationActionOptions {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  allocations: Pick<AllocationReportService, 'allocation'>;
  now: () => Date;
}

export function registerAllocationAction(options: AllocationActionOptions) {
  const { actionsRegistry, permissions, allocations, now } = options;
  actionsRegistry.register({
    name: 'get-cost-allocation',
    title: 'Cost per service in an environment',
    description: `What an environment's shared EKS cluster cost is split into, from Cost Explorer's bill and the cluster's own metrics: per service its allocated share (max(request, usage) of CPU and memory on its nodes, its volumes and load balancers) and its directly tagged resources (e.g. its database), plus shared (system namespaces), idle (capacity no pod used) and untagged cost.
billed = sum(allocated) + shared + idle, to the cent. Money is in the portal currency. efficiency is usage ÷ request (1 = fully used). estimatedDays are not billed yet and change when the bill arrives.
Same figures as /api/cost-uptime/allocation and the environment's cost card. Defaults to this month so far.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          environment: z
            .string()
            .regex(/^[A-Za-z0-9][A-Za-z0-9._:=+@-]{0,190}$/)
            .describe('The environment, e.g. "dev-a"'),
          from: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional()
            .describe('First day (UTC), YYYY-MM-DD'),
          to: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional()
            .describe('Last day (UTC), YYYY-MM-DD, inclusive'),
        }),
      output: z =>
        z.object({
          currency: z.string(),
          environment: z.string(),
          from: z.string(),
          to: z.string(),
          billed: z.number(),
          shared: z.number(),
          idle: z.number(),
          untagged: z.number(),
          environmentTotal: z.number(),
          services: z.array(
            z.object({
              service: z.string(),
              allocated: z.number(),
              direct: z.number(),
              efficiency: z.object({
                cpu: z.number().nullable(),
                memory: z.number().nullable(),
              }),
              rightsizingSavingPerMonth: z.number(),
            }),
          ),
          source: z.string(),
          estimatedDays: z.array(z.string()),
          days: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      await requirePermission(
        permissions,
        credentials,
        costUptimeAllocationReadPermission,
        ALLOCATION_READ_DENIED,
      );
      const range = allocationRange(input, now());
      return {
        output: await allocations.allocation({
          environment: input.environment,
          ...range,
        }),
      };
    },
  });
}
