import type { Currency, MoverRow } from '@internal/plugin-cost-uptime-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useCostFormat } from '../format';
import { NoWrapCell, useStyles } from '../parts';

/** The keys whose cost moved most, last 7 billed days against the 7 before. */
export function MoversTable(props: { movers: MoverRow[]; currency: Currency }) {
  const classes = useStyles();
  const { t, money } = useCostFormat();
  if (props.movers.length === 0) {
    return (
      <Typography className={classes.muted}>{t('movers.empty')}</Typography>
    );
  }
  return (
    <Table size="small" aria-label={t('movers.title')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('movers.columns.what')}</TableCell>
          <NoWrapCell numeric>{t('movers.columns.last7')}</NoWrapCell>
          <NoWrapCell numeric>{t('movers.columns.before7')}</NoWrapCell>
          <NoWrapCell numeric>{t('movers.columns.change')}</NoWrapCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.movers.map(m => (
          <TableRow key={`${m.dimension}:${m.key}`}>
            <TableCell>
              <Typography variant="body2">{m.title ?? m.key}</Typography>
              <Typography variant="caption" className={classes.muted}>
                {t(`movers.dimension.${m.dimension}`)}
              </Typography>
            </TableCell>
            <NoWrapCell numeric>{money(m.amount, props.currency)}</NoWrapCell>
            <NoWrapCell numeric>
              {money(m.previousAmount, props.currency)}
            </NoWrapCell>
            <TableCell
              align="right"
              className={`${classes.nowrap} ${
                m.delta > 0 ? classes.up : classes.down
              }`}
            >
              {m.delta > 0 ? '+' : ''}
              {money(m.delta, props.currency)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
