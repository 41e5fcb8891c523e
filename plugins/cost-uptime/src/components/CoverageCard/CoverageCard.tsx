import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  AllocationReport,
  CostSummary,
} from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { costUptimeApiRef } from '../../api';
import { useCostFormat } from '../format';
import { downloadCsv } from '../download';
import { AllocationSection } from '../EnvironmentAllocationCard/AllocationSection';
import { allocationCsv } from './allocationCsv';
import { coverageOf } from './coverage';

function CoverageLine(props: { report: AllocationReport }) {
  const r = props.report;
  const f = useCostFormat();
  if (r.days === 0) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="coverage-line"
      >
        {f.t('allocation.coverageEmpty', { environment: r.environment })}
      </Typography>
    );
  }
  const c = coverageOf(r);
  const money = (v: number) => f.money(v, r.currency);
  return (
    <Typography variant="body2" data-testid="coverage-line">
      {f.t('allocation.coverageLine', {
        environment: r.environment,
        total: money(c.total),
        services: money(c.services),
        shared: money(c.shared),
        idle: money(c.idle),
        untagged: money(c.untagged),
      })}
    </Typography>
  );
}

/**
 * The dashboard's coverage lines: per environment with cost this month,
 * how much of its bill went to services, shared, idle and untagged cost;
 * and the same split as CSV.
 */
export function CoverageCard(props: { summary: CostSummary }) {
  const api = useApi(costUptimeApiRef);
  const f = useCostFormat();
  const environments = props.summary.byEnvironment
    .map(r => r.key)
    .filter(k => k !== '');
  const key = environments.join('\n');
  const state = useAsync(
    () =>
      Promise.all(
        environments.map(environment => api.getAllocation({ environment })),
      ),
    // The environments' names, not the array, decide when to fetch again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  const reports = state.value;
  const exportCsv = () => {
    if (!reports?.length) return;
    downloadCsv(
      `cost-allocation-${reports[0].from}-${reports[0].to}.csv`,
      allocationCsv(reports),
    );
  };
  return (
    <InfoCard
      title={f.t('allocation.coverageTitle')}
      action={
        <Button
          variant="outlined"
          size="small"
          onClick={exportCsv}
          disabled={!reports?.some(r => r.days > 0)}
        >
          {f.t('allocation.exportCsv')}
        </Button>
      }
    >
      <AllocationSection
        state={state}
        isEmpty={v => v.length === 0}
        empty={f.t('allocation.empty')}
      >
        {v => (
          <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
            {v.map(r => (
              <CoverageLine key={r.environment} report={r} />
            ))}
          </Box>
        )}
      </AllocationSection>
    </InfoCard>
  );
}
