import { EmptyState } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  costUptimeCollectionRunPermission,
  trendRange,
  type CollectionRun,
  type GroupBy,
} from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { costUptimeApiRef } from '../../api';
import { ByEnvironmentCard } from '../ByEnvironmentCard';
import { ByAwsServiceCard } from '../ByAwsServiceCard';
import { CHART_KEYS } from '../charts';
import { CostTrendCard, type TrendRange } from '../CostTrendCard';
import { CostFormat, useCostFormat } from '../format';
import { downloadCsv } from '../download';
import { CoverageCard } from '../CoverageCard';
import { MoversCard } from '../MoversCard';
import { ErrorCard, Loading } from '../parts';
import { todayUtc } from '../periodText';
import { RunsCard } from '../RunsCard';
import { StatCards } from '../StatCards';
import { UptimeCard } from '../UptimeCard';
import { UsageCard, type UsageGranularity } from '../UsageCard';

function rangeQuery(range: TrendRange) {
  return trendRange(range, todayUtc());
}

/** The empty page's explanation: why there is no cost yet. */
function noDataText(f: CostFormat, lastRun: CollectionRun | undefined) {
  if (!lastRun) return f.t('page.noData.firstRun');
  return lastRun.status === 'failed'
    ? f.t('page.noData.failed', { error: lastRun.error ?? '' })
    : f.t('page.noData.nothing');
}

/**
 * The last run's Prometheus problem, chosen by its warnings' codes: one line
 * per 'prometheus-failed' warning naming the environment, or undefined.
 */
function prometheusProblemOf(
  f: CostFormat,
  run: CollectionRun | undefined,
): string | undefined {
  const lines = (run?.warnings ?? [])
    .filter(w => w.code === 'prometheus-failed')
    .map(w =>
      f.t('page.prometheusFailed', { environment: w.environment ?? '' }),
    );
  return lines.length ? lines.join('\n') : undefined;
}

/** The Cost & Uptime page: figures, trend, breakdowns, uptime, usage, runs. */
export function CostUptimePage() {
  const api = useApi(costUptimeApiRef);
  const alertApi = useApi(alertApiRef);
  const f = useCostFormat();
  const { t } = f;
  const [range, setRange] = useState<TrendRange>('30d');
  const [groupBy, setGroupBy] = useState<GroupBy>('environment');
  const [usageGranularity, setUsageGranularity] =
    useState<UsageGranularity>('hour');

  const summary = useAsyncRetry(() => api.getSummary(), [api]);
  const series = useAsyncRetry(
    () => api.getSeries({ groupBy, top: CHART_KEYS, ...rangeQuery(range) }),
    [api, groupBy, range],
  );
  const uptime = useAsyncRetry(() => api.getUptime({ days: 30 }), [api]);
  const usage = useAsyncRetry(
    () => api.getUsage({ granularity: usageGranularity }),
    [api, usageGranularity],
  );
  const runs = useAsyncRetry(() => api.getRuns(10), [api]);

  const lastRun = runs.value?.[0];
  const prometheusProblem = prometheusProblemOf(f, lastRun);
  const { allowed: canRun } = usePermission({
    permission: costUptimeCollectionRunPermission,
  });

  const runNow = async () => {
    try {
      await api.triggerRun();
      alertApi.post({
        message: t('page.runStarted'),
        severity: 'info',
        display: 'transient',
      });
      setTimeout(() => {
        runs.retry();
        summary.retry();
        series.retry();
        uptime.retry();
        usage.retry();
      }, 4000);
    } catch (e) {
      alertApi.post({
        message: t('page.runFailed', { message: (e as Error).message }),
        severity: 'error',
      });
    }
  };

  const runButton = canRun ? (
    <Button variant="contained" color="primary" onClick={runNow}>
      {t('page.runNow')}
    </Button>
  ) : null;

  const exportCsv = async () => {
    const q = rangeQuery(range);
    const text = await api.exportCsv({ ...q, groupBy });
    downloadCsv(`cost-${groupBy}-${q.granularity}-${q.from}-${q.to}.csv`, text);
  };

  if (summary.error) {
    return (
      <Box p={3}>
        <ErrorCard title={t('page.title')} error={summary.error} />
      </Box>
    );
  }
  if (summary.loading && !summary.value) {
    return (
      <Box p={3}>
        <Loading title={t('page.loading')} />
      </Box>
    );
  }
  const s = summary.value!;
  const noData =
    s.lastMonth === 0 &&
    s.monthToDate.amount === 0 &&
    (series.value?.points.length ?? 0) === 0;

  return (
    <Box p={3}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 12 }}
      >
        <Typography variant="body1" color="textSecondary" style={{ flex: 1 }}>
          {t('page.sources', { currency: s.currency })}
        </Typography>
        {lastRun ? (
          <Chip
            variant="outlined"
            label={t('page.lastCollection', {
              time: f.fmt.dateTime(lastRun.startedAt),
              status: t(`runs.status.${lastRun.status}`),
              requests: String(lastRun.costExplorerRequests),
              cost: f.money(lastRun.costExplorerCostUsd, 'USD'),
            })}
          />
        ) : null}
        <Button variant="outlined" onClick={exportCsv} disabled={noData}>
          {t('page.exportCsv')}
        </Button>
        {runButton}
      </Box>

      {noData ? (
        <EmptyState
          missing="data"
          title={t('page.noData.title')}
          description={noDataText(f, lastRun)}
          action={runButton ?? undefined}
        />
      ) : (
        <Grid container spacing={3}>
          <StatCards
            summary={s}
            uptimeRows={uptime.value?.rows ?? []}
            problem={prometheusProblem}
          />
          <Grid item xs={12}>
            <CoverageCard summary={s} />
          </Grid>
          <Grid item xs={12}>
            <CostTrendCard
              state={series}
              groupBy={groupBy}
              onGroupBy={setGroupBy}
              range={range}
              onRange={setRange}
            />
          </Grid>
          <Grid item xs={12} md={5}>
            <ByEnvironmentCard summary={s} />
          </Grid>
          <Grid item xs={12} md={7}>
            <ByAwsServiceCard summary={s} />
          </Grid>
          <Grid item xs={12} xl={5}>
            <MoversCard movers={s.movers} currency={s.currency} />
          </Grid>
          <Grid item xs={12} xl={7}>
            <UptimeCard state={uptime} problem={prometheusProblem} />
          </Grid>
          <Grid item xs={12}>
            <UsageCard
              state={usage}
              granularity={usageGranularity}
              onGranularity={setUsageGranularity}
              problem={prometheusProblem}
            />
          </Grid>
          <Grid item xs={12}>
            <RunsCard state={runs} />
          </Grid>
        </Grid>
      )}
    </Box>
  );
}
