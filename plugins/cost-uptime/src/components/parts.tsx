import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type {
  CollectionRun,
  Currency,
  MoverRow,
  UptimeRow,
} from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import { ReactNode } from 'react';
import { Sparkline } from './charts';
import { money, percent, signedPercent } from './format';

const useStyles = makeStyles(theme => ({
  stat: {
    padding: theme.spacing(2),
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  statValue: { fontSize: '1.9rem', fontWeight: 600, lineHeight: 1.2 },
  up: { color: theme.palette.error.main },
  down: { color: theme.palette.success.main },
  muted: { color: theme.palette.text.secondary },
  budget: { height: 8, borderRadius: 4 },
  nowrap: { whiteSpace: 'nowrap' },
}));

/** A cost change: more spend is red, less is green. */
export function Change(props: {
  value: number | null;
  suffix?: string;
  /** Shown without a change; "no earlier data" unless given. */
  empty?: ReactNode;
}) {
  const classes = useStyles();
  if (props.value === null) {
    return (
      <span className={classes.muted}>{props.empty ?? 'no earlier data'}</span>
    );
  }
  const up = props.value > 0;
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      className={up ? classes.up : classes.down}
    >
      {up ? (
        <ArrowUpwardIcon fontSize="inherit" />
      ) : (
        <ArrowDownwardIcon fontSize="inherit" />
      )}
      {signedPercent(props.value)}
      {props.suffix ? (
        <span className={classes.muted}>&nbsp;{props.suffix}</span>
      ) : null}
    </Box>
  );
}

export function StatCard(props: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  chip?: ReactNode;
  spark?: { x: string; y: number }[];
  testId?: string;
}) {
  const classes = useStyles();
  return (
    <Paper className={classes.stat} data-testid={props.testId}>
      <Box display="flex" justifyContent="space-between" alignItems="center">
        <Typography variant="overline" className={classes.muted}>
          {props.label}
        </Typography>
        {props.chip}
      </Box>
      <Typography className={classes.statValue}>{props.value}</Typography>
      {props.detail ? (
        <Typography variant="body2">{props.detail}</Typography>
      ) : null}
      {props.spark && props.spark.length > 1 ? (
        <Sparkline data={props.spark} />
      ) : null}
    </Paper>
  );
}

export function EstimateChip() {
  return <Chip size="small" variant="outlined" label="incl. estimate" />;
}

export function Loading(props: { title?: string }) {
  return (
    <InfoCard title={props.title}>
      <Progress />
    </InfoCard>
  );
}

export function ErrorCard(props: { title: string; error: Error }) {
  return (
    <InfoCard title={props.title}>
      <ResponseErrorPanel error={props.error} />
    </InfoCard>
  );
}

export function MoversTable(props: { movers: MoverRow[]; currency: Currency }) {
  const classes = useStyles();
  if (props.movers.length === 0) {
    return (
      <Typography className={classes.muted}>
        Not enough history yet: movers need two weeks.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Biggest movers">
      <TableHead>
        <TableRow>
          <TableCell>What</TableCell>
          <TableCell align="right" className={classes.nowrap}>
            Last 7 days
          </TableCell>
          <TableCell align="right" className={classes.nowrap}>
            7 days before
          </TableCell>
          <TableCell align="right" className={classes.nowrap}>
            Change
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.movers.map(m => (
          <TableRow key={`${m.dimension}:${m.key}`}>
            <TableCell>
              <Typography variant="body2">{m.title ?? m.key}</Typography>
              <Typography variant="caption" className={classes.muted}>
                {m.dimension}
              </Typography>
            </TableCell>
            <TableCell align="right" className={classes.nowrap}>
              {money(m.amount, props.currency)}
            </TableCell>
            <TableCell align="right" className={classes.nowrap}>
              {money(m.previousAmount, props.currency)}
            </TableCell>
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

function sloChip(row: UptimeRow) {
  if (row.availability === null) return <Chip size="small" label="no data" />;
  const met = row.availability >= row.sloTarget;
  return (
    <Chip
      size="small"
      label={met ? 'SLO met' : 'SLO missed'}
      style={{ background: met ? '#009E73' : '#D55E00', color: '#fff' }}
    />
  );
}

export function UptimeTable(props: { rows: UptimeRow[]; days: number }) {
  const classes = useStyles();
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Uptime against SLO">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell>Environment</TableCell>
            <TableCell align="right" className={classes.nowrap}>
              {props.days}-day availability
            </TableCell>
            <TableCell align="right" className={classes.nowrap}>
              SLO
            </TableCell>
            <TableCell style={{ width: 200 }}>Error budget left</TableCell>
            <TableCell style={{ width: 150 }}>Daily</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(row => {
            const budget = row.errorBudgetRemaining;
            return (
              <TableRow key={`${row.key}:${row.environment}`}>
                <TableCell className={classes.nowrap}>
                  {row.title ?? row.key}
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {row.environment}
                </TableCell>
                <TableCell align="right" className={classes.nowrap}>
                  {percent(row.availability, 3)}
                </TableCell>
                <TableCell align="right" className={classes.nowrap}>
                  {percent(row.sloTarget, 2)}
                </TableCell>
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
                <TableCell className={classes.nowrap}>{sloChip(row)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

const STATUS_COLORS: Record<CollectionRun['status'], string | undefined> = {
  succeeded: '#009E73',
  partial: '#E69F00',
  failed: '#D55E00',
  running: undefined,
};

export function RunsTable(props: { runs: CollectionRun[] }) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Collection runs">
      <TableHead>
        <TableRow>
          <TableCell>Started</TableCell>
          <TableCell>Trigger</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right" className={classes.nowrap}>
            Took
          </TableCell>
          <TableCell align="right" className={classes.nowrap}>
            Rows written
          </TableCell>
          <TableCell align="right" className={classes.nowrap}>
            Cost Explorer requests
          </TableCell>
          <TableCell align="right" className={classes.nowrap}>
            Cost of the run
          </TableCell>
          <TableCell>Problem</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runs.map(r => (
          <TableRow key={r.id}>
            <TableCell>{new Date(r.startedAt).toLocaleString()}</TableCell>
            <TableCell>{r.trigger}</TableCell>
            <TableCell>
              <Chip
                size="small"
                label={r.status}
                style={{
                  background: STATUS_COLORS[r.status],
                  color: r.status === 'running' ? undefined : '#fff',
                }}
              />
            </TableCell>
            <TableCell align="right" className={classes.nowrap}>
              {r.finishedAt
                ? `${(
                    (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) /
                    1000
                  ).toFixed(1)} s`
                : '…'}
            </TableCell>
            <TableCell align="right" className={classes.nowrap}>
              {r.rowsWritten.toLocaleString()}
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
