import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  meetsSlo,
  tagRefOfAnnotations,
  USAGE_METRICS,
  type UptimeRow,
  type CostUptimeApi,
  type CostSummary,
  type TagRef,
} from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { costUptimeApiRef } from '../api';
import {
  CHART_KEYS,
  CostTrendChart,
  Sparkline,
  UsageLineChart,
} from './charts';
import { USAGE_UNITS, useCostFormat } from './format';
import { MoversCard } from './MoversCard';
import { Change, EstimateChip } from './parts';
import { monthToDateText, notBilledYet } from './periodText';
import { UptimeTable } from './UptimeCard';
import { EnvironmentAllocationCard } from './EnvironmentAllocationCard';
import { ServiceAllocationCard } from './ServiceAllocationCard';

function useTagRef(): TagRef {
  const { entity } = useEntity();
  // The extensions' filter guarantees one of the annotations.
  return tagRefOfAnnotations(entity.metadata.annotations)!;
}

/**
 * This month's billed cost and its comparison; while the month has no
 * billed day, its estimate if there is one, else last month's cost.
 */
function MonthSoFar(props: { summary: CostSummary }) {
  const s = props.summary;
  const f = useCostFormat();
  const text = monthToDateText(s, f);
  const lastMonthInstead =
    s.periods.billed.days === 0 && s.unbilledEstimate === 0;
  return (
    <>
      <Typography variant="overline" color="textSecondary">
        {lastMonthInstead
          ? f.t('entity.lastMonthOf', { month: f.range(s.periods.lastMonth) })
          : f.t('stats.monthToDate')}{' '}
        {!lastMonthInstead && s.monthToDate.estimated ? <EstimateChip /> : null}
      </Typography>
      <Typography
        variant="h5"
        data-testid="entity-month-to-date"
        style={{ whiteSpace: 'nowrap' }}
      >
        {f.money(
          lastMonthInstead ? s.lastMonth : s.monthToDate.amount,
          s.currency,
        )}
      </Typography>
      <Typography variant="body2" data-testid="entity-month-to-date-note">
        {text.change ? (
          <Change value={text.change.value} suffix={text.change.suffix} />
        ) : (
          <Typography variant="caption" color="textSecondary">
            {lastMonthInstead ? `${notBilledYet(s, f)}.` : text.note}
          </Typography>
        )}
      </Typography>
    </>
  );
}

/** How many of the services with data meet their SLO (one rule: meetsSlo). */
function SloCount(props: { rows: UptimeRow[] }) {
  const { t } = useCostFormat();
  const measured = props.rows.filter(r => r.availability !== null);
  const met = measured.filter(r => meetsSlo(r.availability!, r.sloTarget));
  return (
    <Typography variant="body2" data-testid="entity-slo-count">
      {t('entity.sloCount', {
        met: String(met.length),
        total: String(measured.length),
      })}
    </Typography>
  );
}

type EntityCostData = {
  summary: CostSummary;
  uptime?: Awaited<ReturnType<CostUptimeApi['getUptime']>>;
  usage?: Awaited<ReturnType<CostUptimeApi['getUsage']>>;
};

/**
 * The entity's summary, its availability (a service's per environment, an
 * environment's per service running there) and an environment's usage: what
 * the overview card shows. The tab asks for these once
 * and hands them to the card it embeds.
 */
function fetchEntityCostData(
  api: CostUptimeApi,
  filter: TagRef,
): Promise<EntityCostData> {
  return Promise.all([
    api.getSummary(filter),
    filter.tagKey === 'service'
      ? api.getUptime({ days: 30, key: filter.tagValue })
      : api.getUptime({ days: 30, environment: filter.tagValue }),
    filter.tagKey === 'environment'
      ? api.getUsage({ granularity: 'hour', environment: filter.tagValue })
      : undefined,
  ]).then(([summary, uptime, usage]) => ({ summary, uptime, usage }));
}

/** Small card on the entity's overview: this month's cost, trend and availability. */
export function EntityCostUptimeCard() {
  const api = useApi(costUptimeApiRef);
  const filter = useTagRef();
  const { t } = useCostFormat();
  const state = useAsync(
    () => fetchEntityCostData(api, filter),
    [api, filter.tagKey, filter.tagValue],
  );

  const title = t('page.title');
  if (state.loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (state.error) {
    return (
      <InfoCard title={title}>
        <ResponseErrorPanel error={state.error} />
      </InfoCard>
    );
  }
  return <EntityCostUptimeCardView filter={filter} data={state.value!} />;
}

function EntityCostUptimeCardView(props: {
  filter: TagRef;
  data: EntityCostData;
}) {
  const { filter } = props;
  const f = useCostFormat();
  const { t } = f;
  const title = t('page.title');
  const { summary: s, uptime, usage } = props.data;
  const lastOf = (metric: string) => {
    const pts = usage?.points.filter(p => p.metric === metric) ?? [];
    return pts[pts.length - 1]?.value;
  };
  return (
    <InfoCard
      title={title}
      subheader={`${filter.tagKey}=${filter.tagValue}`}
      deepLink={{ title: t('entity.details'), link: 'cost-uptime' }}
    >
      {/* Korean wraps between any two syllables; keep words whole. */}
      <Grid container spacing={2} style={{ wordBreak: 'keep-all' }}>
        {/* Side by side where both figures fit, else one under the other. */}
        <Grid item xs={12}>
          <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
            <Box flex="1 0 auto">
              <MonthSoFar summary={s} />
            </Box>
            <Box flex="1 0 auto">
              <Typography variant="overline" color="textSecondary">
                {t('entity.monthForecast')}
              </Typography>
              <Typography variant="h5" style={{ whiteSpace: 'nowrap' }}>
                {f.money(s.forecast.amount, s.currency)}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {t('entity.lastMonthAmount', {
                  amount: f.money(s.lastMonth, s.currency),
                })}
              </Typography>
            </Box>
          </Box>
        </Grid>
        <Grid item xs={12}>
          <Sparkline
            height={48}
            data={s.trend.map(p => ({ x: p.period, y: p.amount }))}
          />
        </Grid>
        {uptime ? (
          <Grid item xs={12}>
            <Typography variant="overline" color="textSecondary">
              {filter.tagKey === 'environment'
                ? t('entity.sloHere')
                : t('entity.availability')}
            </Typography>
            {filter.tagKey === 'environment' && uptime.rows.length > 0 && (
              <SloCount rows={uptime.rows} />
            )}
            {uptime.rows.length === 0 ? (
              <Typography color="textSecondary">
                {t('entity.noAvailability')}
              </Typography>
            ) : (
              uptime.rows.map(r => (
                <Box
                  key={`${r.key}/${r.environment}`}
                  display="flex"
                  justifyContent="space-between"
                  data-testid="entity-uptime"
                >
                  <Typography
                    variant="body2"
                    style={{ whiteSpace: 'nowrap', marginRight: 8 }}
                  >
                    {filter.tagKey === 'environment' ? r.title : r.environment}
                  </Typography>
                  <Typography variant="body2" align="right">
                    {t('entity.uptimeRow', {
                      availability: f.percent(r.availability, 3),
                      slo: f.percent(r.sloTarget, 1),
                      budget: f.percent(r.errorBudgetRemaining, 0),
                    })}
                  </Typography>
                </Box>
              ))
            )}
          </Grid>
        ) : null}
        {usage ? (
          <Grid item xs={12}>
            <Typography variant="overline" color="textSecondary">
              {t('entity.now')}
            </Typography>
            <Typography variant="body2">
              {lastOf('nodes') !== undefined
                ? t('entity.nowText', {
                    nodes: f.fmt.number(lastOf('nodes')!),
                    cpu: f.percent((lastOf('cpu_percent') ?? NaN) / 100, 1),
                    memory: f.percent(
                      (lastOf('memory_percent') ?? NaN) / 100,
                      1,
                    ),
                  })
                : t('entity.noUsage')}
            </Typography>
          </Grid>
        ) : null}
      </Grid>
    </InfoCard>
  );
}

/** The entity's Cost & Uptime tab: cost by AWS service, movers, uptime, usage. */
export function EntityCostUptimeContent() {
  const api = useApi(costUptimeApiRef);
  const filter = useTagRef();
  const f = useCostFormat();
  const { t } = f;
  const state = useAsync(async () => {
    const [data, series] = await Promise.all([
      fetchEntityCostData(api, filter),
      api.getSeries({
        granularity: 'day',
        groupBy: 'awsService',
        filter,
        top: CHART_KEYS,
      }),
    ]);
    return { data, series };
  }, [api, filter.tagKey, filter.tagValue]);

  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const { data, series } = state.value!;
  const { summary: s, uptime, usage } = data;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <EntityCostUptimeCardView filter={filter} data={data} />
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard
          title={t('entity.dailyByService')}
          subheader={t('entity.dailySubheader', {
            tag: `${filter.tagKey}=${filter.tagValue}`,
          })}
        >
          {series.points.length ? (
            <CostTrendChart series={series} height={260} />
          ) : (
            <Typography color="textSecondary">{t('entity.noCost')}</Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        {filter.tagKey === 'environment' ? (
          <EnvironmentAllocationCard environment={filter.tagValue} />
        ) : (
          <ServiceAllocationCard service={filter.tagValue} />
        )}
      </Grid>
      <Grid item xs={12} xl={6}>
        <MoversCard movers={s.movers} currency={s.currency} />
      </Grid>
      {uptime ? (
        <Grid item xs={12} xl={6}>
          <InfoCard title={t('uptime.title')}>
            {uptime.rows.length ? (
              <UptimeTable rows={uptime.rows} days={uptime.days} />
            ) : (
              <Typography color="textSecondary">
                {t('entity.noAvailability')}
              </Typography>
            )}
          </InfoCard>
        </Grid>
      ) : null}
      {usage ? (
        <Grid item xs={12}>
          <InfoCard title={t('entity.usageTitle')}>
            <Grid container spacing={2}>
              {USAGE_METRICS.map(metric => (
                <Grid item xs={12} md={4} key={metric}>
                  <Typography variant="subtitle2">
                    {f.metric(metric)}
                  </Typography>
                  <UsageLineChart
                    points={usage.points.filter(p => p.metric === metric)}
                    environments={usage.environments}
                    unit={USAGE_UNITS[metric]}
                    hourly
                    height={150}
                  />
                </Grid>
              ))}
            </Grid>
          </InfoCard>
        </Grid>
      ) : null}
    </Grid>
  );
}
