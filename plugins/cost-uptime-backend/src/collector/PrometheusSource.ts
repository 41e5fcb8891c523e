import { ForwardedError, ResponseError } from '@backstage/errors';
import {
  USAGE_METRICS,
  type UsageMetric,
} from '@internal/plugin-cost-uptime-common';
import type { PrometheusOptions } from '../config';

export interface HourValue {
  /** YYYY-MM-DDTHH (UTC) */
  hour: string;
  value: number;
}

/** `YYYY-MM-DDTHH` of a unix time in seconds. */
export function hourKey(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 13);
}

/** Unix seconds of a `YYYY-MM-DDTHH` key. */
export function hourSeconds(hour: string): number {
  return Date.parse(`${hour}:00:00Z`) / 1000;
}

/**
 * Hourly samples from one Prometheus server through its HTTP API
 * (`/api/v1/query_range`, step 1h). Each query must answer one series.
 */
export class PrometheusSource {
  requests = 0;

  constructor(
    private readonly server: PrometheusOptions['servers'][number],
    private readonly queries: PrometheusOptions['queries'],
  ) {}

  get environment() {
    return this.server.environment;
  }

  /** Every usage metric, hourly, for hours in [start, end] (unix seconds on the hour). */
  async usage(start: number, end: number) {
    const out: { metric: UsageMetric; values: HourValue[] }[] = [];
    for (const metric of USAGE_METRICS) {
      out.push({
        metric,
        values: await this.range(this.queries[metric], start, end),
      });
    }
    return out;
  }

  /** Availability (0..1) of one job per hour. */
  async availability(
    job: string,
    kind: 'up' | 'probe',
    start: number,
    end: number,
  ) {
    const template =
      kind === 'probe'
        ? this.queries.probeAvailability
        : this.queries.availability;
    // Job names come from catalog annotations: keep them inside the quotes.
    const safeJob = job.replace(/["\\]/g, '');
    return this.range(template.replaceAll('$job', safeJob), start, end);
  }

  async range(query: string, start: number, end: number): Promise<HourValue[]> {
    const series = await this.rangeSeries(query, start, end);
    return series[0]?.values ?? [];
  }

  /** Every series a query answers, with its labels, hourly in [start, end]. */
  async rangeSeries(
    query: string,
    start: number,
    end: number,
  ): Promise<{ labels: Record<string, string>; values: HourValue[] }[]> {
    if (end < start) return [];
    const params = new URLSearchParams({
      query,
      start: String(start),
      end: String(end),
      step: '3600',
    });
    this.requests++;
    let response: Response;
    try {
      response = await fetch(`${this.server.url}/api/v1/query_range`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(this.server.bearerToken
            ? { authorization: `Bearer ${this.server.bearerToken}` }
            : {}),
        },
        body: params,
      });
    } catch (e) {
      throw new ForwardedError(
        `Prometheus for ${this.server.environment} at ${this.server.url} is unreachable`,
        e,
      );
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as {
      status: string;
      data?: {
        result?: {
          metric?: Record<string, string>;
          values?: [number, string][];
        }[];
      };
    };
    return (body.data?.result ?? []).map(r => ({
      labels: r.metric ?? {},
      values: (r.values ?? [])
        .map(([ts, v]) => ({ hour: hourKey(ts), value: Number(v) }))
        .filter(v => Number.isFinite(v.value)),
    }));
  }
}
