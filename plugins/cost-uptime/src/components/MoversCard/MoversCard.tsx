import { InfoCard } from '@backstage/core-components';
import type { Currency, MoverRow } from '@internal/plugin-cost-uptime-common';
import { useCostFormat } from '../format';
import { MoversTable } from './MoversTable';

/** The "Biggest movers" card of the page and the entity tab. */
export function MoversCard(props: { movers: MoverRow[]; currency: Currency }) {
  const { t } = useCostFormat();
  return (
    <InfoCard title={t('movers.title')} subheader={t('movers.subheader')}>
      <MoversTable movers={props.movers} currency={props.currency} />
    </InfoCard>
  );
}
