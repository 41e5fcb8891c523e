import { InfoCard } from '@backstage/core-components';
import type { CostSeries, GroupBy } from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import { CostTrendChart } from '../charts';
import { useCostFormat } from '../format';
import { AsyncSection, ToggleChoice } from '../parts';

/** The trend's ranges: 30 or 90 days back, or 12 whole months. */
export type TrendRange = '30d' | '90d' | '12m';

/** The page's "Cost trend" card: stacked cost by a dimension over a range. */
export function CostTrendCard(props: {
  state: { error?: Error; value?: CostSeries };
  groupBy: GroupBy;
  onGroupBy: (groupBy: GroupBy) => void;
  range: TrendRange;
  onRange: (range: TrendRange) => void;
}) {
  const { t } = useCostFormat();
  return (
    <InfoCard
      title={t('trend.title')}
      subheader={t('trend.subheader')}
      action={
        <Box display="flex" style={{ gap: 8 }} pt={1} pr={1}>
          <ToggleChoice
            value={props.groupBy}
            onChange={props.onGroupBy}
            labels={{
              environment: t('trend.groupBy.environment'),
              awsService: t('trend.groupBy.awsService'),
              entity: t('trend.groupBy.entity'),
            }}
          />
          <ToggleChoice
            value={props.range}
            onChange={props.onRange}
            labels={{
              '30d': t('trend.range.days30'),
              '90d': t('trend.range.days90'),
              '12m': t('trend.range.months12'),
            }}
          />
        </Box>
      }
    >
      <AsyncSection
        state={props.state}
        title={t('trend.title')}
        isEmpty={v => v.points.length === 0}
        empty={t('trend.empty')}
      >
        {v => <CostTrendChart series={v} />}
      </AsyncSection>
    </InfoCard>
  );
}
