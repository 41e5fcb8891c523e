import { InfoCard, Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { AllocationReport } from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { costUptimeApiRef } from '../../api';
import { useCostFormat } from '../format';
import { AllocationSection, bareTableOptions } from './AllocationSection';
import { AllocationBars } from './AllocationBars';
import { allocationRows, partTitle } from './allocationRows';

/** Where the figures come from and which days are estimates. */
function AllocationSourceNote(props: { report: AllocationReport }) {
  const r = props.report;
  const f = useCostFormat();
  return (
    <Box mt={1}>
      <Typography
        variant="caption"
        color="textSecondary"
        display="block"
        data-testid="allocation-source"
      >
        {f.t(`allocation.source.${r.source}`)}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        display="block"
        data-testid="allocation-estimated"
      >
        {r.estimatedDays.length
          ? f.t('allocation.estimatedDays', {
              days: r.estimatedDays.map(d => f.shortDay(d)).join(', '),
            })
          : f.t('allocation.noEstimatedDays')}
      </Typography>
    </Box>
  );
}

function AllocationTable(props: { report: AllocationReport }) {
  const r = props.report;
  const f = useCostFormat();
  const rows = allocationRows(r).map(row => ({
    ...row,
    id: row.key,
    title: partTitle(row, f),
  }));
  const columns: TableColumn<(typeof rows)[number]>[] = [
    {
      title: f.t('allocation.service'),
      field: 'title',
      render: row => (
        <>
          <Typography variant="body2">{row.title}</Typography>
          {row.kind !== 'service' ? (
            <Typography variant="caption" color="textSecondary">
              {f.t(
                row.kind === 'shared'
                  ? 'allocation.sharedHint'
                  : 'allocation.idleHint',
              )}
            </Typography>
          ) : null}
        </>
      ),
    },
    {
      title: f.t('allocation.amount'),
      field: 'amount',
      align: 'right',
      render: row => f.money(row.amount, r.currency),
    },
    {
      title: f.t('allocation.share'),
      field: 'share',
      align: 'right',
      render: row => f.percent(row.share, 1),
    },
  ];
  return <Table options={bareTableOptions} data={rows} columns={columns} />;
}

/** The billed total under the table: what the parts add up to. */
function BilledLine(props: { report: AllocationReport }) {
  const f = useCostFormat();
  return (
    <Box display="flex" justifyContent="space-between" mt={1} px={2}>
      <Typography variant="subtitle2">{f.t('allocation.billed')}</Typography>
      <Typography variant="subtitle2" data-testid="allocation-billed">
        {f.money(props.report.billed, props.report.currency)}
      </Typography>
    </Box>
  );
}

/**
 * An environment's cluster cost this month so far, split into its
 * services, shared and idle: a chart and a table that add up to the bill.
 */
export function EnvironmentAllocationCard(props: { environment: string }) {
  const api = useApi(costUptimeApiRef);
  const f = useCostFormat();
  const state = useAsync(
    () => api.getAllocation({ environment: props.environment }),
    [api, props.environment],
  );
  const r = state.value;
  return (
    <InfoCard
      title={f.t('allocation.environmentTitle')}
      subheader={
        r && r.days > 0
          ? f.t('allocation.environmentSubheader', {
              environment: props.environment,
              range: f.range({ from: r.from, to: r.to, days: r.days }),
              billed: f.money(r.billed, r.currency),
            })
          : undefined
      }
    >
      <div data-testid="environment-allocation">
        <AllocationSection
          state={state}
          isEmpty={v => v.days === 0}
          empty={f.t('allocation.empty')}
        >
          {report => (
            <>
              <AllocationBars report={report} />
              <AllocationTable report={report} />
              <BilledLine report={report} />
              <AllocationSourceNote report={report} />
            </>
          )}
        </AllocationSection>
      </div>
    </InfoCard>
  );
}
