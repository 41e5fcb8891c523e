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
  formatDuration,
  historyRows,
  HistoryRow,
} from '../deployments/historyRows';
import {
  ARGOCD_APP_NAME_ANNOTATION,
  ARGOCD_APP_NAMESPACE_ANNOTATION,
  loadArgoApplications,
} from '../deployments/useDeployments';

type Commit = { author?: string; message?: string };

const shortRevision = (r: string) =>
  /^[0-9a-f]{40}$/.test(r) ? r.slice(0, 8) : r;

/** `Jane Doe <jane@example.com>` reads as `Jane Doe`; a bare address stays. */
const authorName = (author?: string) =>
  author?.replace(/\s*<[^>]*>\s*$/, '').trim() || author;

const firstLine = (message?: string) => message?.split('\n')[0];

const deployedAtText = (iso?: string) =>
  iso ? new Date(iso).toLocaleString() : '-';

/**
 * The service's deploys in every environment, newest first: when, how long
 * it took (deployStartedAt to deployedAt), the revision and its commit.
 */
export function ArgoHistoryCard() {
  const { entity } = useEntity();
  const config = useApi(configApiRef);
  const discovery = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  const annotations = entity.metadata.annotations ?? {};
  const appName = annotations[ARGOCD_APP_NAME_ANNOTATION];
  const appNamespace = annotations[ARGOCD_APP_NAMESPACE_ANNOTATION]?.trim();

  const state = useAsyncRetry(async () => {
    const argo = await loadArgoApplications({
      appName,
      appNamespace,
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
      <WarningPanel severity="error" title="Could not load the history">
        {state.error.message}{' '}
        <Link to="#" onClick={() => state.retry()}>
          Retry
        </Link>
      </WarningPanel>
    );
  } else if (!state.value?.length) {
    body = <Typography>No deploys yet.</Typography>;
  } else {
    body = (
      <Table size="small" aria-label="Argo CD deploy history">
        <TableHead>
          <TableRow>
            <TableCell style={{ whiteSpace: 'nowrap' }}>Environment</TableCell>
            <TableCell>Deployed</TableCell>
            <TableCell>Took</TableCell>
            <TableCell>Revision</TableCell>
            <TableCell>Commit</TableCell>
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
  return <InfoCard title="Argo CD history">{body}</InfoCard>;
}

function HistoryTableRow({
  row,
  commit,
}: {
  row: HistoryRow;
  commit?: Commit;
}) {
  return (
    <TableRow data-environment={row.environment}>
      <TableCell style={{ whiteSpace: 'nowrap' }}>{row.environment}</TableCell>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        {deployedAtText(row.deployedAt)}
      </TableCell>
      <TableCell data-column="took" style={{ whiteSpace: 'nowrap' }}>
        {row.durationMs !== undefined ? formatDuration(row.durationMs) : '-'}
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
