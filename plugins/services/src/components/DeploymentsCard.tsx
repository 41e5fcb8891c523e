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
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useFormatters } from '@internal/i18n-react';
import { servicesTranslationRef } from '../translation';
import { EnvironmentRow } from '@internal/plugin-services-common';
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
  const { t } = useTranslationRef(servicesTranslationRef);
  const argo = row.argo;
  const message =
    argo.state === 'found' && argo.notCompared && !argo.message
      ? t('deployments.argo.notCompared')
      : argo.state === 'found' && argo.message;
  switch (argo.state) {
    case 'found':
      return (
        <>
          <Link
            to={argo.uiUrl}
            aria-label={t('deployments.argo.openIn', {
              environment: row.environment,
            })}
          >
            <Status value={argo.sync}>{argo.sync}</Status>
          </Link>{' '}
          <Status value={argo.health}>{argo.health}</Status>
          {message && (
            <Typography variant="caption" component="div" color="textSecondary">
              {message}
            </Typography>
          )}
        </>
      );
    case 'error':
      return (
        <StatusError>
          {t('deployments.argo.unreachable', {
            environment: row.environment,
            message: argo.message,
          })}
        </StatusError>
      );
    case 'absent':
      return <StatusAborted>{t('deployments.argo.absent')}</StatusAborted>;
    default:
      return <StatusAborted>{t('deployments.argo.none')}</StatusAborted>;
  }
}

function VersionCell({ row }: { row: EnvironmentRow }) {
  const { t } = useTranslationRef(servicesTranslationRef);
  const running = row.pods.state === 'found' ? row.pods.versions : [];
  const deployed = row.version;
  if (!deployed && running.length === 0) return <>-</>;
  const others = running.filter(v => v !== deployed);
  return (
    <>
      <Typography variant="body2">{deployed ?? running.join(', ')}</Typography>
      {deployed && others.length > 0 && (
        <Typography variant="caption" color="textSecondary">
          {t('deployments.version.rollingOut', { versions: others.join(', ') })}
        </Typography>
      )}
    </>
  );
}

function PodsCell({ row }: { row: EnvironmentRow }) {
  const { t } = useTranslationRef(servicesTranslationRef);
  const pods = row.pods;
  if (pods.state === 'error') {
    return (
      <StatusError>
        {t('deployments.pods.unreachable', {
          environment: row.environment,
          message: pods.message,
        })}
      </StatusError>
    );
  }
  if (pods.state === 'absent') {
    return <StatusAborted>{t('deployments.pods.none')}</StatusAborted>;
  }
  const summary = t('deployments.pods.ready', {
    ready: String(pods.ready),
    total: String(pods.total),
  });
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

function CostCell({ row }: { row: EnvironmentRow }) {
  const { t } = useTranslationRef(servicesTranslationRef);
  const fmt = useFormatters();
  const cost = row.cost;
  if (cost.state === 'found') {
    return (
      <>
        <Typography variant="body2" style={{ whiteSpace: 'nowrap' }}>
          {fmt.money(cost.amount, cost.currency)}
        </Typography>
        {cost.estimated && (
          <Typography variant="caption" color="textSecondary">
            {t('deployments.cost.estimated')}
          </Typography>
        )}
      </>
    );
  }
  const why =
    cost.state === 'error'
      ? t('deployments.cost.unavailable', { message: cost.message })
      : t('deployments.cost.none');
  return (
    <span title={why} aria-label={why}>
      —
    </span>
  );
}

/**
 * The cost column's title names the month the amounts cover: the cost plugin
 * answers last month while this one has no billed day yet. Months are
 * Cost Explorer's UTC months.
 */
function CostHeader({ rows }: { rows: EnvironmentRow[] }) {
  const { t } = useTranslationRef(servicesTranslationRef);
  const fmt = useFormatters();
  const found = rows.find(r => r.cost.state === 'found')?.cost;
  if (found?.state !== 'found') return <>{t('deployments.cost.thisMonth')}</>;
  const month = new Date(`${found.month}-01T00:00:00Z`).toLocaleDateString(
    fmt.locale,
    { month: 'long', year: 'numeric', timeZone: 'UTC' },
  );
  return <>{t('deployments.cost.ofMonth', { month })}</>;
}

/** One row per environment the service runs in: Argo CD, version, pods, cost. */
export function DeploymentsCard() {
  const { entity } = useEntity();
  const { loading, value, error, retry } = useDeployments(entity);
  const { t } = useTranslationRef(servicesTranslationRef);

  let body: ReactNode;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <WarningPanel severity="error" title={t('deployments.loadError')}>
        {error.message}{' '}
        <Link to="#" onClick={() => retry()}>
          {t('deployments.retry')}
        </Link>
      </WarningPanel>
    );
  } else if (!value || value.length === 0) {
    body = <Typography>{t('deployments.notDeployed')}</Typography>;
  } else {
    body = (
      <Table size="small" aria-label={t('deployments.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {t('deployments.columns.environment')}
            </TableCell>
            <TableCell>{t('deployments.columns.argocd')}</TableCell>
            <TableCell>{t('deployments.columns.version')}</TableCell>
            <TableCell>{t('deployments.columns.pods')}</TableCell>
            <TableCell>
              <CostHeader rows={value} />
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(row => (
            <TableRow key={row.environment} data-environment={row.environment}>
              {/* "dev-a" breaks at its hyphen beside longer Korean headers. */}
              <TableCell style={{ whiteSpace: 'nowrap' }}>
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
    <InfoCard
      title={t('deployments.title')}
      subheader={t('deployments.subheader')}
    >
      {body}
    </InfoCard>
  );
}
