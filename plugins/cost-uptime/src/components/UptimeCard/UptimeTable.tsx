import type { UptimeRow } from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Sparkline } from '../charts';
import { useCostFormat } from '../format';
import { NoWrapCell, useStyles } from '../parts';

function SloChip({ row }: { row: UptimeRow }) {
  const { t } = useCostFormat();
  if (row.availability === null)
    return <Chip size="small" label={t('uptime.noData')} />;
  const met = row.availability >= row.sloTarget;
  return (
    <Chip
      size="small"
      label={met ? t('uptime.met') : t('uptime.missed')}
      style={{ background: met ? '#009E73' : '#D55E00', color: '#fff' }}
    />
  );
}

/** Availability per service and environment against its SLO. */
export function UptimeTable(props: { rows: UptimeRow[]; days: number }) {
  const classes = useStyles();
  const { t, percent } = useCostFormat();
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('uptime.title')}>
        <TableHead>
          <TableRow>
            <NoWrapCell>{t('uptime.columns.service')}</NoWrapCell>
            <NoWrapCell>{t('uptime.columns.environment')}</NoWrapCell>
            <NoWrapCell numeric>
              {t('uptime.columns.availability', { days: String(props.days) })}
            </NoWrapCell>
            <NoWrapCell numeric>{t('uptime.columns.slo')}</NoWrapCell>
            <TableCell style={{ width: 200 }}>
              {t('uptime.columns.budget')}
            </TableCell>
            <TableCell style={{ width: 150 }}>
              {t('uptime.columns.daily')}
            </TableCell>
            <NoWrapCell>{t('uptime.columns.status')}</NoWrapCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(row => {
            const budget = row.errorBudgetRemaining;
            return (
              <TableRow key={`${row.key}:${row.environment}`}>
                <NoWrapCell>{row.title ?? row.key}</NoWrapCell>
                <NoWrapCell>{row.environment}</NoWrapCell>
                <NoWrapCell numeric>{percent(row.availability, 3)}</NoWrapCell>
                <NoWrapCell numeric>{percent(row.sloTarget, 2)}</NoWrapCell>
                <TableCell>
                  <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                    <Box width={90}>
                      <LinearProgress
                        className={classes.budget}
                        variant="determinate"
                        color={
                          budget !== null && budget < 0.25
                            ? 'secondary'
                            : 'primary'
                        }
                        value={Math.max(0, Math.min(100, (budget ?? 0) * 100))}
                      />
                    </Box>
                    <Typography variant="caption">
                      {percent(budget, 0)}
                    </Typography>
                  </Box>
                </TableCell>
                <TableCell>
                  <Sparkline
                    height={28}
                    width={140}
                    domain={[
                      Math.min(
                        row.sloTarget - 0.01,
                        ...row.daily.map(d => d.availability),
                      ),
                      1,
                    ]}
                    data={row.daily.map(d => ({ x: d.day, y: d.availability }))}
                    color={
                      row.availability !== null &&
                      row.availability < row.sloTarget
                        ? '#D55E00'
                        : '#009E73'
                    }
                  />
                </TableCell>
                <NoWrapCell>
                  <SloChip row={row} />
                </NoWrapCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
