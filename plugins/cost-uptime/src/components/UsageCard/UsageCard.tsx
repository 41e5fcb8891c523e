import { InfoCard } from '@backstage/core-components';
import {
  USAGE_METRICS,
  type UsagePoint,
} from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { UsageLineChart } from '../charts';
import { USAGE_UNITS, useCostFormat } from '../format';
import { AsyncSection, ToggleChoice } from '../parts';

export type UsageGranularity = 'hour' | 'day';

/** The page's "Usage" card: one chart per metric, by the hour or the day. */
export function UsageCard(props: {
  state: {
    error?: Error;
    value?: { points: UsagePoint[]; environments: string[] };
  };
  granularity: UsageGranularity;
  onGranularity: (granularity: UsageGranularity) => void;
  problem?: string;
}) {
  const { t, metric: metricName } = useCostFormat();
  return (
    <InfoCard
      title={t('usage.title')}
      subheader={t('usage.subheader')}
      action={
        <Box pt={1} pr={1}>
          <ToggleChoice
            value={props.granularity}
            onChange={props.onGranularity}
            labels={{
              hour: t('usage.hourly'),
              day: t('usage.daily'),
            }}
          />
        </Box>
      }
    >
      <AsyncSection
        state={props.state}
        title={t('usage.title')}
        isEmpty={v => v.points.length === 0}
        empty={
          props.problem
            ? t('usage.unavailable', { problem: props.problem.split('\n')[0] })
            : t('usage.empty')
        }
      >
        {v => (
          <Grid container spacing={2}>
            {USAGE_METRICS.map(metric => (
              <Grid item xs={12} md={6} lg={4} key={metric}>
                <Typography variant="subtitle2">
                  {USAGE_UNITS[metric]
                    ? t('usage.withUnit', {
                        title: metricName(metric),
                        unit: USAGE_UNITS[metric],
                      })
                    : metricName(metric)}
                </Typography>
                <UsageLineChart
                  points={v.points.filter(pt => pt.metric === metric)}
                  environments={v.environments}
                  unit={USAGE_UNITS[metric]}
                  hourly={props.granularity === 'hour'}
                />
              </Grid>
            ))}
          </Grid>
        )}
      </AsyncSection>
    </InfoCard>
  );
}
