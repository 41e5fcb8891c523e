import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import {
  costUptimeAllocationReadPermission,
  costUptimeCollectionRunPermission,
  type CollectionRun,
  type TagRef,
  type TriggerRunResponse,
} from '@internal/plugin-cost-uptime-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { CostStore, RunRecord } from '../database/CostStore';
import type { AllocationReportService } from './AllocationReportService';
import type { ReportService } from './ReportService';
import { parseDateRange } from './parseDateRange';
import { ALLOCATION_READ_DENIED, allocationRange } from './allocationRange';
import { requirePermission } from './requirePermission';

/** The longest range a series (and its CSV) covers, in days. */
export const MAX_SERIES_DAYS = 800;
/** The longest usage range: hourly points for a month, daily for a series' span. */
const MAX_USAGE_DAYS = { hour: 31, day: MAX_SERIES_DAYS } as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const hourOrDay = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2})?$/,
    'expected YYYY-MM-DD or YYYY-MM-DDTHH',
  );
const filterSchema = {
  tagKey: z.enum(['environment', 'service']).optional(),
  tagValue: z.string().min(1).max(191).optional(),
};

const summaryQuery = z.object(filterSchema);
const seriesQuery = z.object({
  granularity: z.enum(['day', 'month']).default('day'),
  groupBy: z
    .enum(['awsService', 'environment', 'entity'])
    .default('environment'),
  from: day.optional(),
  to: day.optional(),
  /** Only the biggest keys, the rest summed as "Other": what a chart draws. */
  top: z.coerce.number().int().min(1).max(100).optional(),
  ...filterSchema,
});
const uptimeQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(30),
  key: z.string().min(1).max(191).optional(),
  environment: z.string().min(1).max(191).optional(),
});
const usageQuery = z.object({
  granularity: z.enum(['hour', 'day']).default('hour'),
  environment: z.string().min(1).max(191).optional(),
  from: hourOrDay.optional(),
  to: hourOrDay.optional(),
});
const serviceParams = z.object({
  service: z.string().min(1).max(191),
});
const allocationQuery = z.object({
  // A tag value: what Cost Explorer and Prometheus name an environment by.
  environment: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._:=+@-]{0,190}$/,
      'expected an environment name',
    ),
  from: day.optional(),
  to: day.optional(),
});
const runsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid request: ${result.error.issues
        .map(i => `${i.path.join('.') || 'query'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

function filterOf(q: {
  tagKey?: string;
  tagValue?: string;
}): TagRef | undefined {
  if (!q.tagKey && !q.tagValue) return undefined;
  if (!q.tagKey || !q.tagValue) {
    throw new InputError('tagKey and tagValue go together');
  }
  return { tagKey: q.tagKey, tagValue: q.tagValue };
}

function toApiRun(run: RunRecord): CollectionRun {
  return {
    ...run,
    costExplorerCostUsd: Math.round(run.costExplorerRequests) / 100,
  };
}

function csvCell(value: unknown): string {
  const s = String(value ?? '');
  // Quote, and defuse formulas a spreadsheet would run.
  const safe = /^[=+\-@]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  report: ReportService;
  allocations: AllocationReportService;
  store: CostStore;
  /** Asks the scheduler for a run now (one at a time across replicas). */
  triggerRun: () => Promise<void>;
  /** The clock date ranges are checked against; default the system clock. */
  now?: () => Date;
}

/**
 * The REST API. Every route needs a signed-in user or a service token
 * (the plugin keeps the default auth policy); starting a run also needs the
 * cost-uptime.collection.run permission.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, report, store } = options;
  const now = options.now ?? (() => new Date());
  const authorize = async (
    req: express.Request,
    permission: BasicPermission,
    denied: string,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, permission, denied);
  };
  const seriesOf = (query: unknown) => {
    const q = parse(seriesQuery, query);
    parseDateRange(q, { maxDays: MAX_SERIES_DAYS, now: now() });
    return q;
  };
  const router = Router();
  router.use(express.json());

  router.get('/summary', async (req, res) => {
    const q = parse(summaryQuery, req.query);
    res.json(await report.summary(filterOf(q)));
  });

  router.get('/series', async (req, res) => {
    const q = seriesOf(req.query);
    res.json(await report.series({ ...q, filter: filterOf(q) }));
  });

  router.get('/export.csv', async (req, res) => {
    const q = seriesOf(req.query);
    const series = await report.series({ ...q, filter: filterOf(q) });
    const titles = new Map(series.keys.map(k => [k.key, k.title ?? k.key]));
    const lines = [
      [
        'period',
        'group_by',
        'key',
        'title',
        'amount',
        'currency',
        'estimated',
      ].join(','),
      ...series.points.map(p =>
        [
          p.period,
          series.groupBy,
          p.key,
          titles.get(p.key) ?? p.key,
          p.amount,
          series.currency,
          p.estimated,
        ]
          .map(csvCell)
          .join(','),
      ),
    ];
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="cost-${series.groupBy}-${series.granularity}-${series.from}-${series.to}.csv"`,
    );
    res.send(`${lines.join('\n')}\n`);
  });

  // One service's cost in each environment this month (the Deployments card).
  router.get('/services/:service/environments', async (req, res) => {
    const { service } = parse(serviceParams, req.params);
    res.json(await report.serviceCostByEnvironment(service));
  });

  router.get('/uptime', async (req, res) => {
    const q = parse(uptimeQuery, req.query);
    res.json(await report.uptime(q));
  });

  router.get('/usage', async (req, res) => {
    const q = parse(usageQuery, req.query);
    parseDateRange(q, {
      hours: true,
      maxDays: MAX_USAGE_DAYS[q.granularity],
      now: now(),
    });
    res.json(await report.usage(q));
  });

  // One environment's cluster cost split: services (allocated + direct),
  // shared, idle, untagged. Defaults to this month so far.
  router.get('/allocation', async (req, res) => {
    const q = parse(allocationQuery, req.query);
    const range = allocationRange(q, now());
    await authorize(
      req,
      costUptimeAllocationReadPermission,
      ALLOCATION_READ_DENIED,
    );
    res.json(
      await options.allocations.allocation({
        environment: q.environment,
        ...range,
      }),
    );
  });

  router.get('/runs', async (req, res) => {
    const q = parse(runsQuery, req.query);
    res.json({ runs: (await store.listRuns(q.limit)).map(toApiRun) });
  });

  router.post('/runs', async (req, res) => {
    await authorize(
      req,
      costUptimeCollectionRunPermission,
      'Starting a collection run needs cost-uptime.collection.run',
    );
    await options.triggerRun();
    const answer: TriggerRunResponse = { status: 'triggered' };
    res.status(202).json(answer);
  });

  return router;
}
