import {
  InfoCard,
  Link,
  Progress,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { EnvironmentRow } from '../deployments/environmentRows';
import { useDeployments } from '../deployments/useDeployments';

function Status({ value, children }: { value: string; children: ReactNode }) {
  switch (value) {
    case 'Synced':
    case 'Healthy':
      return <StatusOK>{children}</StatusOK>;
    case 'Degraded':
    case 'Missing':
      return <StatusError>{children}</StatusError>;
    case 'Progressing':
      return <StatusPending>{children}</StatusPending>;
    case 'OutOfSync':
    case 'Suspended':
      return <StatusWarning>{children}</StatusWarning>;
    default:
      return <StatusAborted>{children}</StatusAborted>;
  }
}

function ArgoCell({ row }: { row: EnvironmentRow }) {
  const argo = row.argo;
  switch (argo.state) {
    case 'found':
      return (
        <>
          <Link
            to={argo.uiUrl}
            aria-label={`Open in Argo CD (${row.environment})`}
          >
            <Status value={argo.sync}>{argo.sync}</Status>
          </Link>{' '}
          <Status value={argo.health}>{argo.health}</Status>
          {argo.message && (
            <Typography variant="caption" component="div" color="textSecondary">
              {argo.message}
            </Typography>
          )}
        </>
      );
    case 'error':
      return (
        <StatusError>
          Argo CD of {row.environment} unreachable: {argo.message}
        </StatusError>
      );
    case 'absent':
      return <StatusAborted>Not in Argo CD</StatusAborted>;
    default:
      return <StatusAborted>No Argo CD for this environment</StatusAborted>;
  }
}

function VersionCell({ row }: { row: EnvironmentRow }) {
  const running = row.pods.state === 'found' ? row.pods.versions : [];
  const deployed = row.version;
  if (!deployed && running.length === 0) return <>-</>;
  const others = running.filter(v => v !== deployed);
  return (
    <>
      <Typography variant="body2">{deployed ?? running.join(', ')}</Typography>
      {deployed && others.length > 0 && (
        <Typography variant="caption" color="textSecondary">
          rolling out; pods also run {others.join(', ')}
        </Typography>
      )}
    </>
  );
}

function PodsCell({ row }: { row: EnvironmentRow }) {
  const pods = row.pods;
  if (pods.state === 'error') {
    return (
      <StatusError>
        Cluster {row.environment} unreachable: {pods.message}
      </StatusError>
    );
  }
  if (pods.state === 'absent') {
    return <StatusAborted>No pods</StatusAborted>;
  }
  const summary = `${pods.ready}/${pods.total} ready`;
  return (
    <>
      {pods.problems.length === 0 ? (
        <StatusOK>{summary}</StatusOK>
      ) : (
        <StatusWarning>{summary}</StatusWarning>
      )}
      {pods.problems.map(p => (
        <Typography key={p.pod} variant="caption" component="div">
          <StatusError>
            {p.pod}: {p.reason}
            {p.detail ? ` (${p.detail})` : ''}
          </StatusError>
        </Typography>
      ))}
    </>
  );
}

function formatMoney(amount: number, currency: string) {
  return new Intl.NumberFormat(currency === 'KRW' ? 'ko-KR' : 'en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: currency === 'KRW' ? 0 : 2,
  }).format(amount);
}

function CostCell({ row }: { row: EnvironmentRow }) {
  const cost = row.cost;
  if (cost.state === 'found') {
    return (
      <>
        <Typography variant="body2" style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(cost.amount, cost.currency)}
        </Typography>
        {cost.estimated && (
          <Typography variant="caption" color="textSecondary">
            incl. estimates
          </Typography>
        )}
      </>
    );
  }
  const why =
    cost.state === 'error'
      ? `Cost unavailable: ${cost.message}`
      : 'No cost data for this service in this environment';
  return (
    <span title={why} aria-label={why}>
      —
    </span>
  );
}

/**
 * The cost column's title names the month the amounts cover: the cost plugin
 * answers last month while this one has no billed day yet.
 */
function costHeader(rows: EnvironmentRow[]): string {
  const found = rows.find(r => r.cost.state === 'found')?.cost;
  if (found?.state !== 'found') return 'Cost this month';
  const month = new Date(`${found.month}-01T00:00:00Z`).toLocaleDateString(
    'en-US',
    { month: 'long', year: 'numeric', timeZone: 'UTC' },
  );
  return `Cost, ${month}`;
}

/** One row per environment the service runs in: Argo CD, version, pods, cost. */
export function DeploymentsCard() {
  const { entity } = useEntity();
  const { loading, value, error, retry } = useDeployments(entity);

  let body: ReactNode;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <WarningPanel severity="error" title="Could not load the deployments">
        {error.message}{' '}
        <Link to="#" onClick={() => retry()}>
          Retry
        </Link>
      </WarningPanel>
    );
  } else if (!value || value.length === 0) {
    body = (
      <Typography>
        This service is not deployed to any environment yet.
      </Typography>
    );
  } else {
    body = (
      <Table size="small" aria-label="Deployments by environment">
        <TableHead>
          <TableRow>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Environment</TableCell>
            <TableCell>Argo CD</TableCell>
            <TableCell>Version</TableCell>
            <TableCell>Pods</TableCell>
            <TableCell>{costHeader(value)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(row => (
            <TableRow key={row.environment} data-environment={row.environment}>
              <TableCell>
                <Link to={`/catalog/default/resource/${row.environment}`}>
                  {row.environment}
                </Link>
              </TableCell>
              <TableCell>
                <ArgoCell row={row} />
              </TableCell>
              <TableCell>
                <VersionCell row={row} />
              </TableCell>
              <TableCell>
                <PodsCell row={row} />
              </TableCell>
              <TableCell data-column="cost">
                <CostCell row={row} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <InfoCard title="Deployments" subheader="What runs where, by environment">
      {body}
    </InfoCard>
  );
}
