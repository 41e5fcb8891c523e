import {
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  durationParts,
  historyRows,
  HistoryRow,
} from '../deployments/historyRows';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useFormatters } from '@internal/i18n-react';
import { servicesTranslationRef } from '../translation';
import {
  argoAnnotations,
  loadArgoApplications,
} from '@internal/plugin-services-common';

type Commit = { author?: string; message?: string };

const shortRevision = (r: string) =>
  /^[0-9a-f]{40}$/.test(r) ? r.slice(0, 8) : r;

/** `Jane Doe <jane@example.com>` reads as `Jane Doe`; a bare address stays. */
const authorName = (author?: string) =>
  author?.replace(/\s*<[^>]*>\s*$/, '').trim() || author;

const firstLine = (message?: string) => message?.split('\n')[0];

/**
 * The service's deploys in every environment, newest first: when, how long
 * it took (deployStartedAt to deployedAt), the revision and its commit.
 */
export function ArgoHistoryCard() {
  const { entity } = useEntity();
  const config = useApi(configApiRef);
  const discovery = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  const { t } = useTranslationRef(servicesTranslationRef);
  const app = argoAnnotations(entity.metadata.annotations);
  const { appName, appNamespace } = app;

  const state = useAsyncRetry(async () => {
    const argo = await loadArgoApplications({
      ...app,
      config,
      discovery,
      fetch,
    });
    const rows = historyRows(argo);
    const base = await discovery.getBaseUrl('argocd');
    // A multi-source deploy has one revision per source; only a single Git
    // revision has one commit to show.
    const commits = await Promise.all(
      rows.map(async (row): Promise<Commit | undefined> => {
        if (row.revisions.length !== 1 || !appName) return undefined;
        const query = appNamespace
          ? `?appNamespace=${encodeURIComponent(appNamespace)}`
          : '';
        const response = await fetch(
          `${base}/argoInstance/${encodeURIComponent(
            row.environment,
          )}/applications/name/${encodeURIComponent(
            appName,
          )}/revisions/${encodeURIComponent(
            row.revisions[0],
          )}/metadata${query}`,
        ).catch(() => undefined);
        return response?.ok ? ((await response.json()) as Commit) : undefined;
      }),
    );
    return rows.map((row, i) => ({ row, commit: commits[i] }));
  }, [appName, appNamespace, config, discovery, fetch]);

  let body;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = (
      <WarningPanel severity="error" title={t('history.loadError')}>
        {state.error.message}{' '}
        <Link to="#" onClick={() => state.retry()}>
          {t('history.retry')}
        </Link>
      </WarningPanel>
    );
  } else if (!state.value?.length) {
    body = <Typography>{t('history.empty')}</Typography>;
  } else {
    body = (
      <Table size="small" aria-label={t('history.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {t('history.columns.environment')}
            </TableCell>
            <TableCell>{t('history.columns.deployed')}</TableCell>
            <TableCell>{t('history.columns.took')}</TableCell>
            <TableCell>{t('history.columns.revision')}</TableCell>
            <TableCell>{t('history.columns.commit')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {state.value.map(({ row, commit }) => (
            <HistoryTableRow
              key={`${row.environment}/${row.id}`}
              row={row}
              commit={commit}
            />
          ))}
        </TableBody>
      </Table>
    );
  }
  return <InfoCard title={t('history.title')}>{body}</InfoCard>;
}

function HistoryTableRow({
  row,
  commit,
}: {
  row: HistoryRow;
  commit?: Commit;
}) {
  const { t } = useTranslationRef(servicesTranslationRef);
  const fmt = useFormatters();
  const duration =
    row.durationMs !== undefined ? durationParts(row.durationMs) : undefined;
  const durationText = ({
    unit,
    h,
    m,
    s,
  }: ReturnType<typeof durationParts>) => {
    if (unit === 'hours') return t('history.duration.hours', { h, m, s });
    if (unit === 'minutes') return t('history.duration.minutes', { m, s });
    return t('history.duration.seconds', { s });
  };
  return (
    <TableRow data-environment={row.environment}>
      <TableCell style={{ whiteSpace: 'nowrap' }}>{row.environment}</TableCell>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        {row.deployedAt ? fmt.dateTime(row.deployedAt) : '-'}
      </TableCell>
      <TableCell data-column="took" style={{ whiteSpace: 'nowrap' }}>
        {duration ? durationText(duration) : '-'}
      </TableCell>
      <TableCell style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
        {row.revisions.map(shortRevision).join(', ') || '-'}
      </TableCell>
      <TableCell style={{ minWidth: 200 }}>
        {commit?.message || commit?.author ? (
          <>
            <Typography variant="body2">{firstLine(commit.message)}</Typography>
            <Typography variant="caption" color="textSecondary">
              {authorName(commit.author)}
            </Typography>
          </>
        ) : (
          '-'
        )}
      </TableCell>
    </TableRow>
  );
}
