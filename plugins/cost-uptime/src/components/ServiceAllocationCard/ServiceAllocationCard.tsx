import { InfoCard, Table, type TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Currency } from '@internal/plugin-cost-uptime-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { costUptimeApiRef, type CostUptimeApi } from '../../api';
import { useCostFormat } from '../format';
import { EstimateChip } from '../parts';
import {
  AllocationSection,
  bareTableOptions,
} from '../EnvironmentAllocationCard/AllocationSection';
import {
  serviceAllocations,
  type ServiceEnvironmentAllocation,
} from './serviceAllocations';

/**
 * The environments to ask about: those with cost this month (the
 * dashboard's breakdown), without the untagged row.
 */
async function environmentsWithCost(api: Pick<CostUptimeApi, 'getSummary'>) {
  const summary = await api.getSummary();
  return summary.byEnvironment.map(r => r.key).filter(k => k !== '');
}

function AllocationByEnvironmentTable(props: {
  rows: ServiceEnvironmentAllocation[];
  currency: Currency;
}) {
  const f = useCostFormat();
  const money = (v: number) => f.money(v, props.currency);
  const columns: TableColumn<ServiceEnvironmentAllocation & { id: string }>[] =
    [
      {
        title: f.t('allocation.environment'),
        field: 'environment',
        // The name and its chip on one line, in every language.
        render: r => (
          <span style={{ whiteSpace: 'nowrap' }}>
            {r.environment} {r.estimatedDays.length ? <EstimateChip /> : null}
          </span>
        ),
      },
      {
        title: f.t('allocation.allocated'),
        field: 'allocated',
        align: 'right',
        render: r => money(r.allocated),
      },
      {
        title: f.t('allocation.direct'),
        field: 'direct',
        align: 'right',
        render: r => money(r.direct),
      },
      {
        title: f.t('allocation.total'),
        field: 'total',
        align: 'right',
        render: r => money(r.total),
      },
      {
        title: f.t('allocation.cpuEfficiency'),
        field: 'efficiency.cpu',
        align: 'right',
        render: r => f.percent(r.efficiency.cpu, 0),
      },
      {
        title: f.t('allocation.memoryEfficiency'),
        field: 'efficiency.memory',
        align: 'right',
        render: r => f.percent(r.efficiency.memory, 0),
      },
      {
        title: f.t('allocation.saving'),
        field: 'rightsizingSavingPerMonth',
        align: 'right',
        render: r => money(r.rightsizingSavingPerMonth),
      },
    ];
  return (
    <Table
      options={bareTableOptions}
      data={props.rows.map(r => ({ ...r, id: r.environment }))}
      columns={columns}
    />
  );
}

/**
 * A service's cost this month in each environment, split into its share
 * of the cluster (allocated) and its own resources (direct), with its
 * efficiency and the monthly saving of right-sizing its requests.
 */
export function ServiceAllocationCard(props: { service: string }) {
  const api = useApi(costUptimeApiRef);
  const f = useCostFormat();
  const state = useAsync(async () => {
    const environments = await environmentsWithCost(api);
    const reports = await Promise.all(
      environments.map(environment => api.getAllocation({ environment })),
    );
    return {
      currency: reports[0]?.currency ?? ('USD' as Currency),
      rows: serviceAllocations(props.service, reports),
    };
  }, [api, props.service]);
  return (
    <InfoCard
      title={f.t('allocation.serviceTitle')}
      subheader={f.t('allocation.serviceSubheader')}
    >
      <div data-testid="service-allocation">
        <AllocationSection
          state={state}
          isEmpty={v => v.rows.length === 0}
          empty={f.t('allocation.emptyService')}
        >
          {v => (
            <>
              <AllocationByEnvironmentTable
                rows={v.rows}
                currency={v.currency}
              />
              <Typography variant="caption" color="textSecondary">
                {f.t('allocation.efficiencyHint')}
              </Typography>
            </>
          )}
        </AllocationSection>
      </div>
    </InfoCard>
  );
}
