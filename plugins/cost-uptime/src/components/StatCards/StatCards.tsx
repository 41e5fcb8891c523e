import type {
  CostSummary,
  UptimeRow,
} from '@internal/plugin-cost-uptime-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { CostFormat, useCostFormat } from '../format';
import { Change, EstimateChip, StatCard } from '../parts';
import { monthToDateText } from '../periodText';

function MonthToDateDetail(props: { summary: CostSummary }) {
  const text = monthToDateText(props.summary, useCostFormat());
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

/** The uptime stat's caption: how many services meet their SLO. */
function uptimeDetail(
  f: CostFormat,
  measured: number,
  meeting: number,
  problem?: string,
) {
  if (measured > 0)
    return f.t('stats.uptimeMeeting', {
      meeting: String(meeting),
      measured: String(measured),
    });
  if (problem) return f.t('stats.uptimeUnavailable');
  return f.t('stats.uptimeNone');
}

/**
 * The page's four figures: this month so far, the month's forecast,
 * uptime over 30 days and today's estimate.
 */
export function StatCards(props: {
  summary: CostSummary;
  uptimeRows: UptimeRow[];
  problem?: string;
}) {
  const s = props.summary;
  const f = useCostFormat();
  const { t, money } = f;
  const measured = props.uptimeRows.filter(r => r.availability !== null);
  const avgUptime = measured.length
    ? measured.reduce((a, r) => a + (r.availability ?? 0), 0) / measured.length
    : null;
  const meetingSlo = measured.filter(
    r => (r.availability ?? 0) >= r.sloTarget,
  ).length;
  return (
    <>
      <Grid item xs={12} sm={6} lg={3}>
        <StatCard
          testId="stat-month-to-date"
          label={t('stats.monthToDate')}
          value={
            s.periods.billed.days === 0 && s.monthToDate.amount === 0
              ? '–'
              : money(s.monthToDate.amount, s.currency)
          }
          chip={s.monthToDate.estimated ? <EstimateChip /> : undefined}
          detail={<MonthToDateDetail summary={s} />}
          spark={s.trend.map(p => ({ x: p.period, y: p.amount }))}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <StatCard
          testId="stat-forecast"
          label={t('stats.forecast')}
          value={money(s.forecast.amount, s.currency)}
          chip={
            <Chip
              size="small"
              variant="outlined"
              label={
                s.forecast.source === 'cost-explorer'
                  ? t('stats.costExplorer')
                  : t('stats.extrapolated')
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
              suffix={t('stats.vsLastMonth', {
                amount: money(s.lastMonth, s.currency),
              })}
            />
          }
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <StatCard
          testId="stat-uptime"
          label={t('stats.uptime')}
          value={avgUptime === null ? '–' : f.percent(avgUptime, 2)}
          detail={uptimeDetail(f, measured.length, meetingSlo, props.problem)}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <StatCard
          testId="stat-today"
          label={t('stats.today')}
          value={
            s.todayEstimate ? money(s.todayEstimate.amount, s.currency) : '–'
          }
          chip={<EstimateChip />}
          detail={
            s.todayEstimate
              ? t('stats.todayDetail', {
                  hours: String(s.todayEstimate.hours),
                })
              : t('stats.todayNone')
          }
        />
      </Grid>
    </>
  );
}
