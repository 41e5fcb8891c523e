import type { CollectionRun } from '@internal/plugin-cost-uptime-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useCostFormat } from '../format';
import { useStyles } from '../parts';

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
          <TableCell className={classes.nowrap}>
            {t('runs.columns.started')}
          </TableCell>
          <TableCell className={classes.nowrap}>
            {t('runs.columns.trigger')}
          </TableCell>
          <TableCell className={classes.nowrap}>
            {t('runs.columns.status')}
          </TableCell>
          <TableCell align="right" className={classes.nowrap}>
            {t('runs.columns.took')}
          </TableCell>
          <TableCell align="right" className={classes.nowrap}>
            {t('runs.columns.rowsWritten')}
          </TableCell>
          <TableCell align="right" className={classes.nowrap}>
            {t('runs.columns.requests')}
          </TableCell>
          <TableCell align="right" className={classes.nowrap}>
            {t('runs.columns.cost')}
          </TableCell>
          <TableCell>{t('runs.columns.problem')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map(r => (
          <TableRow key={r.id}>
            <TableCell className={classes.nowrap}>
              {fmt.dateTime(r.startedAt)}
            </TableCell>
            <TableCell className={classes.nowrap}>
              {t(`runs.trigger.${r.trigger}`)}
            </TableCell>
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
            <TableCell align="right" className={classes.nowrap}>
              {r.finishedAt
                ? t('runs.took', {
                    seconds: fmt.number(
                      (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) /
                        1000,
                      1,
                    ),
                  })
                : '…'}
            </TableCell>
            <TableCell align="right" className={classes.nowrap}>
              {fmt.number(r.rowsWritten)}
            </TableCell>
            <TableCell align="right" className={classes.nowrap}>
              {r.costExplorerRequests}
            </TableCell>
            <TableCell align="right" className={classes.nowrap}>
              {money(r.costExplorerCostUsd, 'USD')}
            </TableCell>
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
