import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { DateTime } from 'luxon';
import type { RunWarning } from '@internal/plugin-cost-uptime-common';
import type { AlertDetector } from '../alerting/AlertDetector';
import type { CostTagRole, CostUptimeOptions } from '../config';
import type {
  CollectionBatch,
  CostStore,
  RunRecord,
} from '../database/CostStore';
import { allocateEnvironment, clusterBills } from './allocateEnvironment';
import { readClusterHours } from './ClusterSource';
import type { CollectionMetrics } from './collectionMetrics';
import { CostExplorerSource } from './CostExplorerSource';
import { billTotal, estimateHour } from './estimate';
import { hourKey, hourSeconds, PrometheusSource } from './PrometheusSource';

/** A service whose availability is collected. */
export interface SliTarget {
  key: string;
  job: string;
  kind: 'up' | 'probe';
}

export interface CollectorOptions {
  options: CostUptimeOptions;
  store: CostStore;
  logger: LoggerService;
  /** Services to collect availability for (catalog annotations + config). */
  sliTargets: () => Promise<SliTarget[]>;
  /** Raises cost and uptime alerts after each run that stored data. */
  detector?: AlertDetector;
  now?: () => Date;
  /** Backoff sleep, shortened by tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Counts each finished run (runs, duration, rows, requests). */
  metrics?: CollectionMetrics;
}

const HOUR = 3600;

/**
 * One collection run: fetch everything first (Cost Explorer, Prometheus),
 * then write it in one transaction. A run that fails while fetching writes
 * nothing; one that fails while writing is rolled back. Either way the stored
 * data is what it was before the run, and the run is recorded as failed.
 */
export class Collector {
  private readonly now: () => Date;

  constructor(private readonly deps: CollectorOptions) {
    this.now = deps.now ?? (() => new Date());
  }

  async run(trigger: RunRecord['trigger']): Promise<RunRecord> {
    const { store, logger, options } = this.deps;
    const started = this.now();
    const id = await store.startRun(trigger, started.toISOString());
    const ce = options.costExplorer
      ? new CostExplorerSource(
          options.costExplorer,
          logger.child({ source: 'cost-explorer' }),
          this.deps.sleep,
        )
      : undefined;
    const proms = options.prometheus.servers.map(
      s => new PrometheusSource(s, options.prometheus.queries),
    );
    const counts = () => ({
      costExplorerRequests: ce?.requests ?? 0,
      prometheusRequests: proms.reduce((a, p) => a + p.requests, 0),
    });
    try {
      const { batch, warnings } = await this.fetch(started, ce, proms);
      const rowsWritten = await store.write(batch);
      warnings.push(...(await this.detectAlerts(id)));
      await store.finishRun(id, {
        status: warnings.length ? 'partial' : 'succeeded',
        error: warnings.length ? warnings.map(w => w.message).join('\n') : null,
        warnings,
        rowsWritten,
        finishedAt: this.now().toISOString(),
        ...counts(),
      });
      logger.info(
        `Cost and uptime collection ${id} wrote ${rowsWritten} rows with ${
          counts().costExplorerRequests
        } Cost Explorer requests`,
      );
    } catch (e) {
      logger.error(
        `Cost and uptime collection ${id} failed: ${stringifyError(e)}`,
      );
      await store.finishRun(id, {
        status: 'failed',
        error: stringifyError(e),
        warnings: [],
        rowsWritten: 0,
        finishedAt: this.now().toISOString(),
        ...counts(),
      });
    }
    const run = (await store.getRun(id))!;
    this.deps.metrics?.finished(run);
    return run;
  }

  /**
   * Runs the alert detector on the data just stored. Whatever goes wrong
   * there is logged and returned as a warning for the run's record (status
   * `partial`): the data is stored, so the run itself has not failed.
   */
  private async detectAlerts(runId: number): Promise<RunWarning[]> {
    const { detector } = this.deps;
    if (!detector) return [];
    const logger = this.deps.logger.child({ source: 'alerts' });
    try {
      const { raised } = await detector.detect();
      const failed = raised.filter(r => r.result.status === 'failed');
      if (failed.length === 0) return [];
      const message = `Alerts: ${failed.length} of ${
        raised.length
      } could not be raised (${failed.map(f => f.result.id).join(', ')})`;
      logger.warn(`Cost and uptime collection ${runId}: ${message}`);
      return [{ code: 'alerts-not-raised', source: 'alerts', message }];
    } catch (e) {
      const message = `Alert detection failed: ${stringifyError(e)}`;
      logger.error(`Cost and uptime collection ${runId}: ${message}`);
      return [{ code: 'alerts-failed', source: 'alerts', message }];
    }
  }

  private async fetch(
    started: Date,
    ce: CostExplorerSource | undefined,
    proms: PrometheusSource[],
  ): Promise<{ batch: CollectionBatch; warnings: RunWarning[] }> {
    const { store, options, logger } = this.deps;
    const today = DateTime.fromJSDate(started, { zone: 'utc' }).startOf('day');
    const todayIso = today.toISODate()!;
    const batch: CollectionBatch = {
      costs: [],
      usage: [],
      sli: [],
      estimates: [],
    };
    const warnings: RunWarning[] = [];

    let billedThrough: string | undefined;
    if (ce && options.costExplorer) {
      const cfg = options.costExplorer;
      const roles: CostTagRole[] = cfg.tags.service
        ? ['environment', 'service']
        : ['environment'];
      for (const tagKey of roles) {
        const latest = await store.latestCostDay(tagKey);
        const earliest = today.minus({ days: cfg.backfillDays });
        let from = latest
          ? DateTime.min(
              DateTime.fromISO(latest, { zone: 'utc' }).plus({ days: 1 }),
              today.minus({ days: cfg.restatementDays }),
            )
          : earliest;
        if (from < earliest) from = earliest;
        const fromIso = from.toISODate()!;
        if (fromIso >= todayIso) continue;
        const rows = await ce.dailyCosts(tagKey, fromIso, todayIso);
        batch.costs.push({ tagKey, from: fromIso, to: todayIso, rows });
        if (tagKey === 'environment') {
          const days = rows.map(r => r.day).sort();
          billedThrough = days[days.length - 1] ?? latest;
        }
      }
      if (cfg.serviceByEnvironment) {
        // This month so far (last month's on the 1st, when this month has
        // no billed day yet): the Deployments card's cost per environment.
        const monthStart = today.minus({ days: 1 }).startOf('month');
        const fromIso = monthStart.toISODate()!;
        batch.serviceEnvironments = {
          from: fromIso,
          to: todayIso,
          rows: await ce.serviceEnvironmentCosts(fromIso, todayIso),
        };
      }
      const nextMonth = today.plus({ months: 1 }).startOf('month').toISODate()!;
      const amount = await ce.forecast(todayIso, nextMonth);
      if (amount !== undefined) {
        batch.forecast = {
          month: today.toFormat('yyyy-MM'),
          fromDay: todayIso,
          amount,
          fetchedAt: started.toISOString(),
        };
      }
    }
    batch.billedThrough =
      billedThrough ??
      (options.costExplorer
        ? await store.latestCostDay('environment')
        : undefined);

    const end = Math.floor(started.getTime() / 1000 / HOUR) * HOUR;
    const backfillStart = end - options.prometheus.backfillDays * 24 * HOUR;
    const targets = proms.length ? await this.deps.sliTargets() : [];
    for (const prom of proms) {
      const env = prom.environment;
      try {
        const lastUsage = await store.latestUsageHour(env);
        // Re-read the last two hours: the newest one was still filling up.
        const usageStart = lastUsage
          ? Math.max(hourSeconds(lastUsage) - 2 * HOUR, backfillStart)
          : backfillStart;
        const usage = await prom.usage(usageStart, end);
        const rows = usage.flatMap(u =>
          u.values.map(v => ({
            environment: env,
            metric: u.metric,
            hour: v.hour,
            value: v.value,
          })),
        );
        const lastSli = await store.latestSliHour(env);
        const sliStart = lastSli
          ? Math.max(hourSeconds(lastSli) - 2 * HOUR, backfillStart)
          : backfillStart;
        const sli: CollectionBatch['sli'] = [];
        for (const target of targets) {
          const values = await prom.availability(
            target.job,
            target.kind,
            sliStart,
            end,
          );
          for (const v of values) {
            sli.push({
              sliKey: target.key,
              environment: env,
              hour: v.hour,
              value: v.value,
            });
          }
        }
        batch.usage.push(...rows);
        batch.sli.push(...sli);
        batch.estimates.push(...this.estimates(env, rows, billedThrough));
        // The allocation fails on its own: usage and uptime are kept.
        try {
          const allocations = await this.allocate(prom, ce, batch, {
            start: backfillStart,
            end,
            billedThrough,
          });
          batch.allocations ??= { computedAt: started.toISOString(), days: [] };
          batch.allocations.days.push(...allocations);
        } catch (e) {
          const message = `Allocation ${env}: ${stringifyError(e)}`;
          logger
            .child({ source: 'allocation', environment: env })
            .warn(message);
          warnings.push({
            code: 'allocation-failed',
            source: 'allocation',
            environment: env,
            message,
          });
        }
      } catch (e) {
        // One unreachable Prometheus must not hold back billing data.
        const message = `Prometheus ${env}: ${stringifyError(e)}`;
        logger.child({ source: 'prometheus', environment: env }).warn(message);
        warnings.push({
          code: 'prometheus-failed',
          source: 'prometheus',
          environment: env,
          message,
        });
      }
    }
    return { batch, warnings };
  }

  /**
   * One environment's cluster cost per service for the days this run
   * fetched the bill of (the restated ones too) and the days not billed
   * yet, within Prometheus' backfill window.
   */
  private async allocate(
    prom: PrometheusSource,
    ce: CostExplorerSource | undefined,
    batch: CollectionBatch,
    window: { start: number; end: number; billedThrough?: string },
  ) {
    const settings = this.deps.options.allocation;
    if (!settings) return [];
    const env = prom.environment;
    const rows = batch.costs
      .filter(c => c.tagKey === 'environment')
      .flatMap(c => c.rows);
    const bills = clusterBills(rows, env);
    const isUnbilled = (day: string) =>
      !window.billedThrough || day > window.billedThrough;
    const days = [...bills.keys()].sort();
    const firstUnbilled = window.billedThrough
      ? hourSeconds(`${window.billedThrough}T00`) + 24 * HOUR
      : window.start;
    const first = days.length
      ? Math.min(hourSeconds(`${days[0]}T00`), firstUnbilled)
      : firstUnbilled;
    const hours = await readClusterHours(
      prom,
      Math.max(first, window.start),
      window.end,
    );
    const split =
      ce && days.length && this.deps.options.costExplorer?.eksSplitCost
        ? await ce.splitCosts(
            env,
            days[0],
            hourKey(
              hourSeconds(`${days[days.length - 1]}T00`) + 24 * HOUR,
            ).slice(0, 10),
          )
        : undefined;
    return allocateEnvironment({
      hours,
      bills,
      settings,
      estimate: this.deps.options.estimate,
      isUnbilled,
      split,
    }).map(d => ({ ...d, environment: env }));
  }

  /**
   * Estimated cost of the hours Cost Explorer has not billed yet (nodes x
   * instance price + EKS + EBS, see estimateHour); replaced once billed.
   */
  private estimates(
    environment: string,
    usage: CollectionBatch['usage'],
    billedThrough: string | undefined,
  ): CollectionBatch['estimates'] {
    const e = this.deps.options.estimate;
    const nodes = new Map<string, number>();
    const pv = new Map<string, number>();
    for (const u of usage) {
      if (u.metric === 'nodes') nodes.set(u.hour, u.value);
      if (u.metric === 'pv_gb') pv.set(u.hour, u.value);
    }
    const out: CollectionBatch['estimates'] = [];
    for (const [hour, n] of nodes) {
      if (billedThrough && hour.slice(0, 10) <= billedThrough) continue;
      const pvGb = pv.get(hour) ?? 0;
      const amount = billTotal(estimateHour(e, n, pvGb));
      out.push({ environment, hour, nodes: n, pvGb, amount });
    }
    return out;
  }
}
