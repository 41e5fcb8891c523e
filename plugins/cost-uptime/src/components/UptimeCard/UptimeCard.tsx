import { InfoCard } from '@backstage/core-components';
import type { UptimeRow } from '@internal/plugin-cost-uptime-common';
import { useCostFormat } from '../format';
import { AsyncSection } from '../parts';
import { UptimeTable } from './UptimeTable';

/**
 * The page's "Uptime against SLO" card. `problem` is the last collection's
 * Prometheus error, shown instead of an empty table.
 */
export function UptimeCard(props: {
  state: { error?: Error; value?: { rows: UptimeRow[]; days: number } };
  problem?: string;
}) {
  const { t } = useCostFormat();
  return (
    <InfoCard title={t('uptime.title')} subheader={t('uptime.subheader')}>
      <AsyncSection
        state={props.state}
        title={t('uptime.errorTitle')}
        isEmpty={v => v.rows.length === 0}
        empty={
          props.problem
            ? t('uptime.unavailable', { problem: props.problem.split('\n')[0] })
            : t('uptime.empty')
        }
      >
        {v => <UptimeTable rows={v.rows} days={v.days} />}
      </AsyncSection>
    </InfoCard>
  );
}
