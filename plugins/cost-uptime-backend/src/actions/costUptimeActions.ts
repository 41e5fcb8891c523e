/*
 * Cost and uptime as actions (the actions registry, served to AI agents by
 * the MCP actions backend). Each action calls the same ReportService the
 * REST routes call, with the same input checks, so an agent's figures are
 * the API's and the page's.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import type { TagRef } from '@internal/plugin-cost-uptime-common';
import type { ReportService } from '../service/ReportService';
import { parseDateRange } from '../service/parseDateRange';
import { MAX_SERIES_DAYS } from '../service/router';

type Zod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

/** A tag value as the REST API accepts it. */
const tagValue = (z: Zod) => z.string().min(1).max(191);

const scope = (z: Zod) => ({
  environment: tagValue(z)
    .optional()
    .describe(
      'Only this environment (its cost-allocation tag value, e.g. "dev-a"). Leave out for all environments.',
    ),
  service: tagValue(z)
    .optional()
    .describe(
      'Only this service (its `service` tag value, e.g. "shop-backend"). Do not combine with environment.',
    ),
});

/** environment= or service= as the API's tagKey/tagValue filter. */
function filterOf(input: {
  environment?: string;
  service?: string;
}): TagRef | undefined {
  if (input.environment && input.service) {
    throw new InputError(
      'Give either environment or service, not both: costs are tagged by one of them at a time',
    );
  }
  if (input.environment) {
    return { tagKey: 'environment', tagValue: input.environment };
  }
  if (input.service) return { tagKey: 'service', tagValue: input.service };
  return undefined;
}

/** What the catalog calls a key, when an entity carries it. */
const entityLabel = (z: Zod) => ({
  title: z.string().optional(),
  entityRef: z.string().optional(),
});

const breakdownRow = (z: Zod) =>
  z.object({
    key: z.string(),
    ...entityLabel(z),
    amount: z.number(),
    previousAmount: z.number(),
    change: z.number().nullable(),
  });

export interface CostUptimeActionsOptions {
  actionsRegistry: ActionsRegistryService;
  report: Pick<ReportService, 'summary' | 'series' | 'uptime'>;
  /** The clock date ranges are checked against (the plugin's clock). */
  now: () => Date;
}

/** Registers get-cost-summary, get-cost-series and get-slo-status. */
export function registerCostUptimeActions(options: CostUptimeActionsOptions) {
  registerCostSummary(options);
  registerCostSeries(options);
  registerSloStatus(options);
}

function registerCostSummary({
  actionsRegistry,
  report,
}: CostUptimeActionsOptions) {
  actionsRegistry.register({
    name: 'get-cost-summary',
    title: 'Cost summary',
    description: `This month's AWS cost so far, last month's total and the forecast for the month, for everything or for one environment or one service, with the split by environment and by service.
Amounts are in the returned currency. monthToDate = billedToDate (days AWS has billed) + unbilledEstimate (hourly estimates of days not billed yet); change compares billedToDate with the same days of last month (null when not comparable).
These are the figures of the portal's Cost & Uptime page and /api/cost-uptime/summary.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z => z.object(scope(z)),
      output: z =>
        z.object({
          currency: z.string(),
          asOf: z.string().describe('Today in UTC (YYYY-MM-DD)'),
          filter: z
            .object({ tagKey: z.string(), tagValue: z.string() })
            .optional(),
          monthToDate: z.object({ amount: z.number(), estimated: z.boolean() }),
          billedToDate: z.number(),
          unbilledEstimate: z.number(),
          previousMonthToDate: z.number(),
          change: z.number().nullable(),
          lastMonth: z.number(),
          forecast: z.object({
            amount: z.number(),
            source: z.enum(['cost-explorer', 'extrapolated']),
          }),
          byEnvironment: z.array(breakdownRow(z)),
          byAwsService: z.array(breakdownRow(z)),
        }),
    },
    action: async ({ input }) => {
      const s = await report.summary(filterOf(input));
      return {
        output: {
          currency: s.currency,
          asOf: s.asOf,
          filter: s.filter,
          monthToDate: s.monthToDate,
          billedToDate: s.billedToDate,
          unbilledEstimate: s.unbilledEstimate,
          previousMonthToDate: s.previousMonthToDate,
          change: s.change,
          lastMonth: s.lastMonth,
          forecast: s.forecast,
          byEnvironment: s.byEnvironment,
          byAwsService: s.byAwsService,
        },
      };
    },
  });
}

function registerCostSeries({
  actionsRegistry,
  report,
  now,
}: CostUptimeActionsOptions) {
  actionsRegistry.register({
    name: 'get-cost-series',
    title: 'Cost over time',
    description: `Daily or monthly AWS cost, one series per environment, service or catalog entity, optionally for one environment or service only.
Use it for "how did the cost of X change" questions. Dates are UTC days (YYYY-MM-DD); without from/to: the last 31 days (day) or 12 months (month). At most ${MAX_SERIES_DAYS} days.
Same figures as /api/cost-uptime/series and the page's charts.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          granularity: z.enum(['day', 'month']).default('day'),
          groupBy: z
            .enum(['environment', 'awsService', 'entity'])
            .default('environment')
            .describe(
              'One series per environment, AWS service or catalog entity',
            ),
          from: z.string().optional().describe('First day, YYYY-MM-DD'),
          to: z.string().optional().describe('Last day, YYYY-MM-DD'),
          top: z
            .number()
            .int()
            .min(1)
            .max(100)
            .optional()
            .describe('Only the biggest keys; the rest summed as "Other"'),
          ...scope(z),
        }),
      output: z =>
        z.object({
          currency: z.string(),
          granularity: z.enum(['day', 'month']),
          groupBy: z.enum(['environment', 'awsService', 'entity']),
          from: z.string(),
          to: z.string(),
          keys: z.array(z.object({ key: z.string(), ...entityLabel(z) })),
          points: z.array(
            z.object({
              period: z.string(),
              key: z.string(),
              amount: z.number(),
              estimated: z.boolean(),
            }),
          ),
        }),
    },
    action: async ({ input }) => {
      parseDateRange(input, { maxDays: MAX_SERIES_DAYS, now: now() });
      const series = await report.series({
        granularity: input.granularity,
        groupBy: input.groupBy,
        from: input.from,
        to: input.to,
        top: input.top,
        filter: filterOf(input),
      });
      const { other: _other, ...output } = series;
      return { output };
    },
  });
}

function registerSloStatus({
  actionsRegistry,
  report,
}: CostUptimeActionsOptions) {
  actionsRegistry.register({
    name: 'get-slo-status',
    title: 'SLO status and error budget',
    description: `Availability of services against their SLO over the last N days (default 30), per service and environment, with the share of the error budget left.
availability and sloTarget are fractions (0.995 = 99.5 %); errorBudgetRemaining is 1 when untouched, 0 when used up, below 0 when the SLO is missed; null when there is no data.
Same figures as /api/cost-uptime/uptime and the page's availability table.`,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          service: tagValue(z)
            .optional()
            .describe('Only this service (its SLI key, e.g. "shop-backend")'),
          environment: tagValue(z)
            .optional()
            .describe('Only this environment, e.g. "prod"'),
          days: z.number().int().min(1).max(90).default(30),
        }),
      output: z =>
        z.object({
          days: z.number(),
          from: z.string(),
          to: z.string(),
          rows: z.array(
            z.object({
              service: z.string(),
              ...entityLabel(z),
              environment: z.string().optional(),
              availability: z.number().nullable(),
              sloTarget: z.number(),
              errorBudgetRemaining: z.number().nullable(),
              hours: z.number(),
            }),
          ),
        }),
    },
    action: async ({ input }) => {
      const uptime = await report.uptime({
        days: input.days,
        key: input.service,
      });
      return {
        output: {
          days: uptime.days,
          from: uptime.from,
          to: uptime.to,
          rows: uptime.rows
            .filter(
              r => !input.environment || r.environment === input.environment,
            )
            .map(r => ({
              service: r.key,
              title: r.title,
              entityRef: r.entityRef,
              environment: r.environment,
              availability: r.availability,
              sloTarget: r.sloTarget,
              errorBudgetRemaining: r.errorBudgetRemaining,
              hours: r.hours,
            })),
        },
      };
    },
  });
}
