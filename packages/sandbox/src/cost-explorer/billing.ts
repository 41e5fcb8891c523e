/**
 * What the stand-in bills, whichever model describes the account: a
 * line-item account (exampleAccount.ts) or the simple share model of
 * data.ts that tests use for round figures. Cost Explorer's groups are
 * sums over the lines whose tags match ('' = without the tag).
 */
import {
  dailyCost,
  expectedDailyTotal,
  serviceEnvironmentShare,
  type DailyCostModel,
} from './data.ts';
import type { LineModel } from './exampleAccount.ts';

export type CostModel = DailyCostModel | LineModel;

export interface Biller {
  /** Values of a tag key on a day ('' for cost without it). */
  tagValues(key: string, day: string): string[];
  awsServices: string[];
  /** USD on a day of the lines with these tag values (and AWS service). */
  amount(day: string, tags: Record<string, string>, awsService?: string): number;
  /** Expected USD of a day, for GetCostForecast (optionally of tag values). */
  expected(day: string, filter?: { key: string; values: string[] }): number;
}

function lineBiller(model: LineModel): Biller {
  const amount = (day: string, tags: Record<string, string>, awsService?: string) =>
    model
      .lines(day)
      .filter(
        l =>
          (!awsService || l.awsService === awsService) &&
          Object.entries(tags).every(([k, v]) => (l.tags[k] ?? '') === v),
      )
      .reduce((a, l) => a + l.amount, 0);
  return {
    awsServices: model.awsServices,
    tagValues: (key, day) => [
      ...new Set(model.lines(day).map(l => l.tags[key] ?? '')),
    ].sort(),
    amount,
    expected(day, filter) {
      if (!filter) return amount(day, {});
      return filter.values.reduce((a, v) => a + amount(day, { [filter.key]: v }), 0);
    },
  };
}

function shareBiller(model: DailyCostModel): Biller {
  const services = Object.keys(model.services);
  const sum = (key: string, value: string, day: string, awsService?: string) =>
    (awsService ? [awsService] : services).reduce(
      (a, s) => a + dailyCost(model, key, value, s, day),
      0,
    );
  return {
    awsServices: services,
    tagValues: key => Object.keys(model.tags[key] ?? { '': 0 }),
    amount(day, tags, awsService) {
      const keys = Object.keys(tags);
      if (keys.length === 0) {
        return Object.keys(model.tags.environment).reduce(
          (a, v) => a + sum('environment', v, day, awsService),
          0,
        );
      }
      if (keys.length === 1) return sum(keys[0], tags[keys[0]], day, awsService);
      // Both tags: the service's cost split over environments by share.
      const service = tags.service ?? '';
      return (
        sum('service', service, day, awsService) *
        serviceEnvironmentShare(model, service, tags.environment ?? '')
      );
    },
    expected(day, filter) {
      let scale = 1;
      if (filter) {
        const values = model.tags[filter.key] ?? {};
        const all = Object.values(model.tags.environment).reduce((a, b) => a + b, 0);
        scale = filter.values.reduce((a, v) => a + (values[v] ?? 0), 0) / all;
      }
      return expectedDailyTotal(model, day) * scale;
    },
  };
}

export function billerOf(model: CostModel): Biller {
  return 'kind' in model && model.kind === 'lines'
    ? lineBiller(model)
    : shareBiller(model as DailyCostModel);
}
