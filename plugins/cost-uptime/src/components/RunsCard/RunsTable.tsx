import type { CollectionRun } from '@internal/plugin-cost-uptime-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useCostFormat } from '../format';
import { NoWrapCell, useStyles } from '../parts';

const STATUS_COLORS: Record<CollectionRun['status'], string | undefined> = {
  succeeded: '#009E73',
  partial: '#E69F00',
  failed: '#D55E00',
  running: undefined,
};

/** The last collection runs, newest first. */
export function RunsTable(props: { runs: CollectionRun[] }) {
  const classes = useStyles();
  const { t, fmt, money } = useCostFormat();
  return (
    <Table size="small" aria-label={t('runs.title')}>
      <TableHead>
        <TableRow>
          <NoWrapCell>{t('runs.columns.started')}</NoWrapCell>
          <NoWrapCell>{t('runs.columns.trigger')}</NoWrapCell>
          <NoWrapCell>{t('runs.columns.status')}</NoWrapCell>
          <NoWrapCell numeric>{t('runs.columns.took')}</NoWrapCell>
          <NoWrapCell numeric>{t('runs.columns.rowsWritten')}</NoWrapCell>
          <NoWrapCell numeric>{t('runs.columns.requests')}</NoWrapCell>
          <NoWrapCell numeric>{t('runs.columns.cost')}</NoWrapCell>
          <TableCell>{t('runs.columns.problem')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map(r => (
          <TableRow key={r.id}>
            <NoWrapCell>{fmt.dateTime(r.startedAt)}</NoWrapCell>
            <NoWrapCell>{t(`runs.trigger.${r.trigger}`)}</NoWrapCell>
            <TableCell>
              <Chip
                size="small"
                label={t(`runs.status.${r.status}`)}
                style={{
                  background: STATUS_COLORS[r.status],
                  color: r.status === 'running' ? undefined : '#fff',
                }}
              />
            </TableCell>
            <NoWrapCell numeric>
              {r.finishedAt
                ? t('runs.took', {
                    seconds: fmt.number(
                      (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) /
                        1000,
                      1,
                    ),
                  })
                : '…'}
            </NoWrapCell>
            <NoWrapCell numeric>{fmt.number(r.rowsWritten)}</NoWrapCell>
            <NoWrapCell numeric>{r.costExplorerRequests}</NoWrapCell>
            <NoWrapCell numeric>
              {money(r.costExplorerCostUsd, 'USD')}
            </NoWrapCell>
            <TableCell className={classes.muted}>
              <Typography variant="caption" style={{ whiteSpace: 'pre-wrap' }}>
                {r.error ? r.error.slice(0, 300) : ''}
              </Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
