import type { CostSummary } from '@internal/plugin-cost-uptime-common';
import { HorizontalBars } from '../charts';
import { useCostFormat } from '../format';
import { BreakdownCard } from '../parts';

/** The page's "By AWS service" card: each service, this period and the last. */
export function ByAwsServiceCard(props: { summary: CostSummary }) {
  const s = props.summary;
  const f = useCostFormat();
  return (
    <BreakdownCard
      summary={s}
      title={f.t('breakdown.byAwsService')}
      empty={s.byAwsService.length === 0}
    >
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
    </BreakdownCard>
  );
}
