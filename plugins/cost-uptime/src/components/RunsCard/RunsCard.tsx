import { InfoCard } from '@backstage/core-components';
import type { CollectionRun } from '@internal/plugin-cost-uptime-common';
import { useCostFormat } from '../format';
import { AsyncSection } from '../parts';
import { RunsTable } from './RunsTable';

/** The page's "Collection runs" card, with what a run costs. */
export function RunsCard(props: {
  state: { error?: Error; value?: CollectionRun[] };
}) {
  const { t } = useCostFormat();
  const lastGoodRun = props.state.value?.find(
    r => r.status === 'succeeded' || r.status === 'partial',
  );
  return (
    <InfoCard
      title={t('runs.title')}
      subheader={
        lastGoodRun
          ? t('runs.subheader', {
              requests: String(lastGoodRun.costExplorerRequests),
            })
          : undefined
      }
    >
      <AsyncSection state={props.state} title={t('runs.errorTitle')}>
        {v => <RunsTable runs={v} />}
      </AsyncSection>
    </InfoCard>
  );
}
