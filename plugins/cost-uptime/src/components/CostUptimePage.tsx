import { EmptyState, InfoCard } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  describeRange,
  trendRange,
  USAGE_METRICS,
  type CostSummary,
  type GroupBy,
} from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { costUptimeApiRef } from '../api';
import {
  CHART_KEYS,
  CostTrendChart,
  Donut,
  HorizontalBars,
  UsageLineChart,
} from './charts';
import { money, percent, USAGE_LABELS } from './format';
import {
  breakdownEmptyText,
  breakdownNote,
  breakdownSubheader,
  monthToDateText,
  todayUtc,
} from './periodText';
import {
  Change,
  ErrorCard,
  EstimateChip,
  Loading,
  MoversTable,
  RunsTable,
  StatCard,
  UptimeTable,
} from './parts';

type Range = '30d' | '90d' | '12m';

function rangeQuery(range: Range) {
  return trendRange(range, todayUtc());
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function CostUptimePage() {
  const api = useApi(costUptimeApiRef);
  const alertApi = useApi(alertApiRef);
  const [range, setRange] = useState<Range>('30d');
  const [groupBy, setGroupBy] = useState<GroupBy>('environment');
  const [usageGranularity, setUsageGranularity] = useState<'hour' | 'day'>(
    'hour',
  );

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
  const lastGoodRun = runs.value?.find(
    r => r.status === 'succeeded' || r.status === 'partial',
  );
  const prometheusProblem = runs.value
    ?.slice(0, 1)
    .find(r => r.error?.includes('Prometheus'))?.error;

  const runNow = async () => {
    try {
      await api.triggerRun();
      alertApi.post({
        message: 'Collection started; figures refresh when it ends.',
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
        message: `Could not start a collection: ${(e as Error).message}`,
        severity: 'error',
      });
    }
  };

  const exportCsv = async () => {
    const q = rangeQuery(range);
    const text = await api.exportCsv({ ...q, groupBy });
    download(`cost-${groupBy}-${q.granularity}-${q.from}-${q.to}.csv`, text);
  };

  if (summary.error) {
    return (
      <Box p={3}>
        <ErrorCard title="Cost & Uptime" error={summary.error} />
      </Box>
    );
  }
  if (summary.loading && !summary.value) {
    return (
      <Box p={3}>
        <Loading title="Loading cost, usage and uptime…" />
      </Box>
    );
  }
  const s = summary.value!;
  const noData =
    s.lastMonth === 0 &&
    s.monthToDate.amount === 0 &&
    (series.value?.points.length ?? 0) === 0;

  const uptimeRows = uptime.value?.rows ?? [];
  const measured = uptimeRows.filter(r => r.availability !== null);
  const avgUptime = measured.length
    ? measured.reduce((a, r) => a + (r.availability ?? 0), 0) / measured.length
    : null;
  const meetingSlo = measured.filter(
    r => (r.availability ?? 0) >= r.sloTarget,
  ).length;

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
          Billing data from AWS Cost Explorer (UTC days, {s.currency}); usage
          and availability from each environment's Prometheus.
        </Typography>
        {lastRun ? (
          <Chip
            variant="outlined"
            label={`Last collection ${new Date(
              lastRun.startedAt,
            ).toLocaleString()} · ${lastRun.status} · ${
              lastRun.costExplorerRequests
            } Cost Explorer requests (${money(
              lastRun.costExplorerCostUsd,
              'USD',
            )})`}
          />
        ) : null}
        <Button variant="outlined" onClick={exportCsv} disabled={noData}>
          Export CSV
        </Button>
        <Button variant="contained" color="primary" onClick={runNow}>
          Run collection now
        </Button>
      </Box>

      {noData ? (
        <EmptyState
          missing="data"
          title="No cost data yet"
          description={
            lastRun
              ? `The last collection ${
                  lastRun.status === 'failed'
                    ? `failed: ${lastRun.error}`
                    : 'found nothing to store.'
                } Check the Cost Explorer settings (costUptime.costExplorer) and run it again.`
              : 'The first collection has not run yet. It starts shortly after the backend; an admin can start it now.'
          }
          action={
            <Button variant="contained" color="primary" onClick={runNow}>
              Run collection now
            </Button>
          }
        />
      ) : (
        <Grid container spacing={3}>
          <Grid item xs={12} sm={6} lg={3}>
            <StatCard
              testId="stat-month-to-date"
              label="This month so far"
              value={
                s.periods.billed.days === 0 && s.monthToDate.amount === 0
                  ? '–'
                  : money(s.monthToDate.amount, s.currency)
              }
              chip={s.monthToDate.estimated ? <EstimateChip /> : undefined}
              detail={<MonthToDateDetail summary={s} />}
              spark={s.trend.map(t => ({ x: t.period, y: t.amount }))}
            />
          </Grid>
          <Grid item xs={12} sm={6} lg={3}>
            <StatCard
              testId="stat-forecast"
              label="Forecast for the month"
              value={money(s.forecast.amount, s.currency)}
              chip={
                <Chip
                  size="small"
                  variant="outlined"
                  label={
                    s.forecast.source === 'cost-explorer'
                      ? 'Cost Explorer'
                      : 'extrapolated'
                  }
                />
              }
              detail={
                <Change
                  value={
                    s.lastMonth
                      ? (s.forecast.amount - s.lastMonth) / s.lastMonth
                      : null
                  }
                  suffix={`vs last month ${money(s.lastMonth, s.currency)}`}
                />
              }
            />
          </Grid>
          <Grid item xs={12} sm={6} lg={3}>
            <StatCard
              testId="stat-uptime"
              label="Uptime, last 30 days"
              value={avgUptime === null ? '–' : percent(avgUptime, 2)}
              detail={uptimeDetail(
                measured.length,
                meetingSlo,
                prometheusProblem,
              )}
            />
          </Grid>
          <Grid item xs={12} sm={6} lg={3}>
            <StatCard
              testId="stat-today"
              label="Today (estimate)"
              value={
                s.todayEstimate
                  ? money(s.todayEstimate.amount, s.currency)
                  : '–'
              }
              chip={<EstimateChip />}
              detail={
                s.todayEstimate
                  ? `${s.todayEstimate.hours} h so far: nodes × instance price + EKS + EBS, until billed`
                  : 'Needs node counts from Prometheus'
              }
            />
          </Grid>

          <Grid item xs={12}>
            <InfoCard
              title="Cost trend"
              subheader="Paler bars are estimates (Cost Explorer's recent days, today's node estimate)"
              action={
                <Box display="flex" style={{ gap: 8 }} pt={1} pr={1}>
                  <ToggleButtonGroup
                    size="small"
                    exclusive
                    value={groupBy}
                    onChange={(_, v) => v && setGroupBy(v)}
                  >
                    <ToggleButton value="environment">Environment</ToggleButton>
                    <ToggleButton value="service">AWS service</ToggleButton>
                    <ToggleButton value="entity">Catalog entity</ToggleButton>
                  </ToggleButtonGroup>
                  <ToggleButtonGroup
                    size="small"
                    exclusive
                    value={range}
                    onChange={(_, v) => v && setRange(v)}
                  >
                    <ToggleButton value="30d">30 days</ToggleButton>
                    <ToggleButton value="90d">90 days</ToggleButton>
                    <ToggleButton value="12m">12 months</ToggleButton>
                  </ToggleButtonGroup>
                </Box>
              }
            >
              <AsyncSection
                state={series}
                title="Cost trend"
                isEmpty={v => v.points.length === 0}
                empty="No cost in this range."
              >
                {v => <CostTrendChart series={v} />}
              </AsyncSection>
            </InfoCard>
          </Grid>

          <Grid item xs={12} md={5}>
            <InfoCard title="By environment" subheader={breakdownSubheader(s)}>
              {s.byEnvironment.length === 0 ? (
                <BreakdownEmpty summary={s} />
              ) : (
                <>
                  <Donut
                    currency={s.currency}
                    data={s.byEnvironment.map(r => ({
                      key: r.key,
                      title: r.title ?? r.key,
                      amount: r.amount,
                    }))}
                  />
                  <Box mt={1}>
                    {s.byEnvironment.map(r => (
                      <Box
                        key={r.key}
                        display="flex"
                        justifyContent="space-between"
                        py={0.5}
                      >
                        <Typography variant="body2">{r.title}</Typography>
                        <Typography variant="body2">
                          {money(r.amount, s.currency)}{' '}
                          <Change
                            value={r.change}
                            empty={breakdownNote(s) ? '' : undefined}
                          />
                        </Typography>
                      </Box>
                    ))}
                  </Box>
                  <BreakdownNote summary={s} />
                </>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={7}>
            <InfoCard title="By AWS service" subheader={breakdownSubheader(s)}>
              {s.byService.length === 0 ? (
                <BreakdownEmpty summary={s} />
              ) : (
                <>
                  <HorizontalBars
                    currency={s.currency}
                    currentLabel={describeRange(s.periods.breakdown.current)}
                    previousLabel={describeRange(s.periods.breakdown.previous)}
                    data={s.byService.map(r => ({
                      key: r.key,
                      title: r.title ?? r.key,
                      amount: r.amount,
                      previousAmount: r.previousAmount,
                    }))}
                  />
                  <BreakdownNote summary={s} />
                </>
              )}
            </InfoCard>
          </Grid>

          <Grid item xs={12} xl={5}>
            <InfoCard
              title="Biggest movers"
              subheader="Last 7 billed days vs the 7 before"
            >
              <MoversTable movers={s.movers} currency={s.currency} />
            </InfoCard>
          </Grid>
          <Grid item xs={12} xl={7}>
            <InfoCard
              title="Uptime against SLO"
              subheader="Availability SLI per service and environment"
            >
              <AsyncSection
                state={uptime}
                title="Uptime"
                isEmpty={v => v.rows.length === 0}
                empty={unavailable(
                  'Uptime',
                  prometheusProblem,
                  'No availability data yet: annotate services with cost-uptime.io/service and configure Prometheus.',
                )}
              >
                {v => <UptimeTable rows={v.rows} days={v.days} />}
              </AsyncSection>
            </InfoCard>
          </Grid>

          <Grid item xs={12}>
            <InfoCard
              title="Usage"
              subheader="Per environment, from Prometheus"
              action={
                <Box pt={1} pr={1}>
                  <ToggleButtonGroup
                    size="small"
                    exclusive
                    value={usageGranularity}
                    onChange={(_, v) => v && setUsageGranularity(v)}
                  >
                    <ToggleButton value="hour">Last 48 hours</ToggleButton>
                    <ToggleButton value="day">Daily, 30 days</ToggleButton>
                  </ToggleButtonGroup>
                </Box>
              }
            >
              <AsyncSection
                state={usage}
                title="Usage"
                isEmpty={v => v.points.length === 0}
                empty={unavailable(
                  'Usage',
                  prometheusProblem,
                  'No usage data yet.',
                )}
              >
                {v => (
                  <Grid container spacing={2}>
                    {USAGE_METRICS.map(metric => (
                      <Grid item xs={12} md={6} lg={4} key={metric}>
                        <Typography variant="subtitle2">
                          {USAGE_LABELS[metric].title}
                          {USAGE_LABELS[metric].unit
                            ? ` (${USAGE_LABELS[metric].unit})`
                            : ''}
                        </Typography>
                        <UsageLineChart
                          points={v.points.filter(pt => pt.metric === metric)}
                          environments={v.environments}
                          unit={USAGE_LABELS[metric].unit}
                          hourly={usageGranularity === 'hour'}
                        />
                      </Grid>
                    ))}
                  </Grid>
                )}
              </AsyncSection>
            </InfoCard>
          </Grid>

          <Grid item xs={12}>
            <InfoCard
              title="Collection runs"
              subheader={
                lastGoodRun
                  ? `Every Cost Explorer request costs USD 0.01; the last good run made ${lastGoodRun.costExplorerRequests}.`
                  : undefined
              }
            >
              <AsyncSection state={runs} title="Runs">
                {v => <RunsTable runs={v} />}
              </AsyncSection>
            </InfoCard>
          </Grid>
        </Grid>
      )}
    </Box>
  );
}

function MonthToDateDetail(props: { summary: CostSummary }) {
  const text = monthToDateText(props.summary);
  return (
    <>
      {text.change ? (
        <>
          <Change value={text.change.value} suffix={text.change.suffix} />
          <br />
        </>
      ) : null}
      <Typography variant="caption" color="textSecondary">
        {text.note}
      </Typography>
    </>
  );
}

function BreakdownEmpty(props: { summary: CostSummary }) {
  return (
    <Typography color="textSecondary" data-testid="breakdown-empty">
      {breakdownEmptyText(props.summary)}
    </Typography>
  );
}

function BreakdownNote(props: { summary: CostSummary }) {
  const note = breakdownNote(props.summary);
  return note ? (
    <Typography variant="caption" color="textSecondary">
      {note}
    </Typography>
  ) : null;
}

function uptimeDetail(
  measured: number,
  meeting: number,
  problem?: string | null,
) {
  if (measured > 0) return `${meeting} of ${measured} services meet their SLO`;
  if (problem) return 'Unavailable: Prometheus could not be read';
  return 'No availability data yet';
}

function unavailable(
  what: string,
  problem: string | null | undefined,
  otherwise: string,
) {
  return problem
    ? `${what} is unavailable: ${problem.split('\n')[0]}`
    : otherwise;
}

/** Error, loading, empty or the content, for one part of the page. */
function AsyncSection<T>(props: {
  state: { error?: Error; value?: T };
  title: string;
  isEmpty?: (value: T) => boolean;
  empty?: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { error, value } = props.state;
  if (error) return <ErrorCard title={props.title} error={error} />;
  if (value === undefined) return <Loading />;
  if (props.isEmpty?.(value)) {
    return <Typography color="textSecondary">{props.empty}</Typography>;
  }
  return <>{props.children(value)}</>;
}
