/*
 * The GetCostForecast answer: the expected cost of the days ahead, a little
 * below the model's expectation as AWS's forecasts tend to be.
 */
import { invalid } from './awsJson.ts';
import { dayNumber, dayString } from './data.ts';
import type { Reporting } from './reporting.ts';

const FORECAST_FACTOR = 0.93;

export interface GetCostForecastInput {
  TimePeriod?: { Start?: string; End?: string };
  Metric?: string;
  Granularity?: string;
  Filter?: { Tags?: { Key?: string; Values?: string[] } };
}

export function getCostForecast(r: Reporting, input: GetCostForecastInput) {
  const start = input.TimePeriod?.Start;
  const end = input.TimePeriod?.End;
  if (!start || !end || !input.Metric || !input.Granularity) {
    throw invalid('TimePeriod, Metric and Granularity are required');
  }
  if (dayNumber(start) < r.today()) {
    throw invalid('Start date must be equal to or later than the current date');
  }
  const tag = input.Filter?.Tags;
  const filter =
    tag?.Key && tag.Values ? { key: tag.Key, values: tag.Values } : undefined;
  let total = 0;
  for (let n = dayNumber(start); n < dayNumber(end); n++) {
    total += r.biller.expected(dayString(n), filter) * FORECAST_FACTOR;
  }
  return {
    Total: { Amount: total.toFixed(10), Unit: 'USD' },
    ForecastResultsByTime: [
      {
        TimePeriod: { Start: start, End: end },
        MeanValue: total.toFixed(10),
      },
    ],
  };
}
