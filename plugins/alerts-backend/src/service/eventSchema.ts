import { z } from 'zod';
import { AlertEvent } from '@internal/plugin-alerts-node';

const base = {
  id: z.string().min(1).max(1000).optional(),
  entityRef: z.string().min(1).optional(),
  link: z.string().min(1).optional(),
};
const money = z.number().finite();
const share = z.number().min(0).max(1);

/** Validates a raised event (the router refuses anything else with 400). */
export const alertEventSchema: z.ZodType<AlertEvent> = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...base,
      type: z.literal('pipeline.build'),
      job: z.string().min(1),
      build: z.number().int().nonnegative(),
      result: z.enum([
        'SUCCESS',
        'FAILURE',
        'UNSTABLE',
        'ABORTED',
        'NOT_BUILT',
      ]),
      url: z.string().optional(),
      durationMs: z.number().nonnegative().optional(),
      logTail: z.string().max(20000).optional(),
    }),
    z.object({
      ...base,
      type: z.literal('environment.task'),
      action: z.enum(['create', 'delete']),
      environment: z.string().min(1),
      status: z.enum(['completed', 'failed']),
      taskId: z.string().min(1),
      logTail: z.string().max(20000).optional(),
    }),
    z.object({
      ...base,
      type: z.literal('environment.expiry'),
      environment: z.string().min(1),
      expiresAt: z.string().min(10),
      overdue: z.boolean().optional(),
    }),
    z.object({
      ...base,
      type: z.literal('environment.estimate-gap'),
      environment: z.string().min(1),
      days: z.number().int().min(1),
      estimated: z.number().nonnegative(),
      billed: z.number().nonnegative(),
      currency: z.string().length(3),
      causes: z.array(z.enum(['node count', 'instance type', 'volumes'])),
    }),
    z.object({
      ...base,
      type: z.enum(['deployment.sync-failed', 'deployment.degraded']),
      application: z.string().min(1),
      environment: z.string().optional(),
      revision: z.string().optional(),
      message: z.string().optional(),
    }),
    z.object({
      ...base,
      type: z.literal('cost.over-budget'),
      environment: z.string().min(1),
      month: z.string().regex(/^\d{4}-\d{2}$/),
      amount: money,
      budget: money,
      currency: z.string().min(1),
      forecast: z.boolean().optional(),
    }),
    z.object({
      ...base,
      type: z.literal('cost.growth'),
      environment: z.string().min(1),
      period: z.enum(['day', 'week']),
      periodLabel: z.string().min(1),
      previous: money,
      current: money,
      thresholdPercent: z.number(),
      currency: z.string().min(1),
    }),
    z.object({
      ...base,
      type: z.literal('cost.untagged'),
      periodLabel: z.string().min(1),
      share,
      thresholdShare: share,
      amount: money,
      currency: z.string().min(1),
    }),
    z.object({
      ...base,
      type: z.literal('uptime.below-slo'),
      service: z.string().min(1),
      environment: z.string().optional(),
      availability: share,
      slo: share,
      window: z.string().min(1),
    }),
  ],
) as unknown as z.ZodType<AlertEvent>;

/** The id an event gets when the raiser gives none: one alert per occurrence. */
export function defaultEventId(event: AlertEvent): string {
  switch (event.type) {
    case 'pipeline.build':
      return `pipeline.build:${event.job}#${event.build}`;
    case 'environment.task':
      return `environment.task:${event.taskId}`;
    case 'environment.expiry':
      return `environment.expiry:${event.environment}:${event.expiresAt}`;
    case 'environment.estimate-gap':
      return `environment.estimate-gap:${event.environment}:${event.days}:${event.billed}`;
    case 'deployment.sync-failed':
    case 'deployment.degraded':
      return `${event.type}:${event.application}:${event.revision ?? ''}:${
        event.message ?? ''
      }`;
    case 'cost.over-budget':
      return `cost.over-budget:${event.environment}:${event.month}${
        event.forecast ? ':forecast' : ''
      }`;
    case 'cost.growth':
      return `cost.growth:${event.environment}:${event.period}:${event.periodLabel}`;
    case 'cost.untagged':
      return `cost.untagged:${event.periodLabel}`;
    case 'uptime.below-slo':
      return `uptime.below-slo:${event.service}:${event.window}:${new Date()
        .toISOString()
        .slice(0, 10)}`;
    default:
      throw new Error('unknown alert type');
  }
}

/** Events with the same burst key close together go out as one digest. */
export function burstKeyOf(event: AlertEvent): string {
  let subject = '';
  if ('job' in event) subject = event.job;
  else if ('application' in event) subject = event.application;
  else if ('service' in event) subject = event.service;
  else if ('environment' in event) subject = event.environment;
  return `${event.type}|${event.entityRef ?? ''}|${subject}`;
}
