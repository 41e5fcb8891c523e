/**
 * A simple billing model for tests that need round figures: a daily amount
 * per tag value, split between AWS services by fixed shares. The example
 * account the sandbox serves is the line-item model in exampleAccount.ts.
 * The same day always gives the same amounts, so tests can check exact
 * figures.
 */
import { unit } from '../eks/exampleClusters.ts';

export interface DailyCostModel {
  /** Tag key → tag value → USD per day before the service split ('' = untagged). */
  tags: Record<string, Record<string, number>>;
  /** AWS service → share of each tag value's daily cost (sums to 1). */
  services: Record<string, number>;
  /**
   * Tag `service` value → share of its cost in each `environment` (sums to
   * 1), for GroupBy on both tags; untagged cost splits like the environments.
   */
  serviceEnvironments?: Record<string, Record<string, number>>;
}

export const SIMPLE_MODEL: DailyCostModel = {
  tags: {
    environment: { 'dev-a': 38, staging: 61, prod: 214, '': 9.5 },
    service: { 'shop-backend': 118, 'shop-web': 42, '': 162.5 },
  },
  services: {
    'Amazon Elastic Compute Cloud - Compute': 0.46,
    'Amazon Elastic Kubernetes Service': 0.08,
    'EC2 - Other': 0.14,
    'Amazon Relational Database Service': 0.16,
    'Elastic Load Balancing': 0.07,
    'Amazon Simple Storage Service': 0.03,
    AmazonCloudWatch: 0.04,
    'Amazon Route 53': 0.02,
  },
  serviceEnvironments: {
    'shop-backend': { 'dev-a': 0.14, staging: 0.22, prod: 0.64 },
    'shop-web': { 'dev-a': 0.18, staging: 0.24, prod: 0.58 },
  },
};

/** Share of a `service` tag value's cost that falls in one environment. */
export function serviceEnvironmentShare(
  model: DailyCostModel,
  service: string,
  environment: string,
): number {
  const split = model.serviceEnvironments?.[service];
  if (split) return split[environment] ?? 0;
  const environments = model.tags.environment ?? {};
  const total = Object.values(environments).reduce((a, b) => a + b, 0);
  return total ? (environments[environment] ?? 0) / total : 0;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC). */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

export function dayString(dayNum: number): string {
  return new Date(dayNum * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Cost of one tag value and one AWS service on one day, rounded to cents
 * like Cost Explorer's amounts in practice (they carry more digits, as strings).
 * Weekends are cheaper (dev and staging scale down), prod grows slowly.
 */
export function dailyCost(
  model: DailyCostModel,
  tagKey: string,
  tagValue: string,
  service: string,
  day: string,
): number {
  const base = model.tags[tagKey]?.[tagValue];
  const share = model.services[service];
  if (base === undefined || share === undefined) return 0;
  const n = dayNumber(day);
  const weekday = new Date(n * 86_400_000).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const alwaysOn = tagValue === 'prod' || tagValue === 'shop-backend';
  const scale = !alwaysOn && weekend ? 0.55 : 1;
  const trend = 1 + ((n % 365) / 365) * 0.12;
  const noise = 0.9 + unit(`${tagKey}|${tagValue}|${service}|${day}`) * 0.2;
  return Math.round(base * share * scale * trend * noise * 100) / 100;
}

/** Expected daily total without noise, for the forecast. */
export function expectedDailyTotal(model: DailyCostModel, day: string): number {
  const n = dayNumber(day);
  const trend = 1 + ((n % 365) / 365) * 0.12;
  const env = model.tags.environment ?? {};
  return Object.values(env).reduce((a, b) => a + b, 0) * trend;
}
