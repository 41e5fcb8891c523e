import { InfoCard } from '@backstage/core-components';
import type { CostSummary } from '@internal/plugin-cost-uptime-common';
import { HorizontalBars } from '../charts';
import { useCostFormat } from '../format';
import { BreakdownEmpty, BreakdownNote } from '../parts';
import { breakdownSubheader } from '../periodText';

/** The page's "By AWS service" card: each service, this period and the last. */
export function ByAwsServiceCard(props: { summary: CostSummary }) {
  const s = props.summary;
  const f = useCostFormat();
  return (
    <InfoCard
      title={f.t('breakdown.byAwsService')}
      subheader={breakdownSubheader(s, f)}
    >
      {s.byAwsService.length === 0 ? (
        <BreakdownEmpty summary={s} />
      ) : (
        <>
          <HorizontalBars
            currency={s.currency}
            currentLabel={f.range(s.periods.breakdown.current)}
            previousLabel={f.range(s.periods.breakdown.previous)}
            data={s.byAwsService.map(r => ({
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
  );
}
