import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { CostSummary } from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import TableCell from '@material-ui/core/TableCell';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { ReactNode } from 'react';
import { Sparkline } from './charts';
import { useCostFormat } from './format';
import {
  breakdownEmptyText,
  breakdownNote,
  breakdownSubheader,
} from './periodText';

export const useStyles = makeStyles(theme => ({
  stat: {
    // Korean wraps between any two syllables; keep words whole.
    wordBreak: 'keep-all',
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

/** A table cell kept on one line; numeric ones align right. */
export function NoWrapCell(props: { numeric?: boolean; children: ReactNode }) {
  const classes = useStyles();
  return (
    <TableCell
      align={props.numeric ? 'right' : undefined}
      className={classes.nowrap}
    >
      {props.children}
    </TableCell>
  );
}

/** A cost change: more spend is red, less is green. */
export function Change(props: {
  value: number | null;
  suffix?: string;
  /** Shown without a change; "no earlier data" unless given. */
  empty?: ReactNode;
}) {
  const classes = useStyles();
  const f = useCostFormat();
  if (props.value === null) {
    return (
      <span className={classes.muted}>
        {props.empty ?? f.t('change.noEarlier')}
      </span>
    );
  }
  const up = props.value > 0;
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      flexWrap="wrap"
      className={up ? classes.up : classes.down}
    >
      {up ? (
        <ArrowUpwardIcon fontSize="inherit" />
      ) : (
        <ArrowDownwardIcon fontSize="inherit" />
      )}
      {f.signedPercent(props.value)}
      {props.suffix ? (
        <span className={classes.muted}>
          {'\u00a0'}
          {props.suffix}
        </span>
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

/** Small exclusive toggle buttons, one per value of `labels`, in its order. */
export function ToggleChoice<T extends string>(props: {
  value: T;
  onChange: (value: T) => void;
  labels: Record<T, string>;
}) {
  const options = Object.entries(props.labels) as [T, string][];
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value}
      onChange={(_, v) => v && props.onChange(v)}
    >
      {options.map(([value, label]) => (
        <ToggleButton key={value} value={value}>
          {label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

export function EstimateChip() {
  const { t } = useCostFormat();
  return <Chip size="small" variant="outlined" label={t('estimateChip')} />;
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

/** Error, loading, empty or the content, for one part of the page. */
export function AsyncSection<T>(props: {
  state: { error?: Error; value?: T };
  title: string;
  isEmpty?: (value: T) => boolean;
  empty?: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { error, value } = props.state;
  if (error) return <ErrorCard title={props.title} error={error} />;
  if (value === undefined) return <Loading />;
  if (props.isEmpty?.(value)) {
    return <Typography color="textSecondary">{props.empty}</Typography>;
  }
  return <>{props.children(value)}</>;
}

/** Why a breakdown card is empty. */
function BreakdownEmpty(props: { summary: CostSummary }) {
  const f = useCostFormat();
  return (
    <Typography color="textSecondary" data-testid="breakdown-empty">
      {breakdownEmptyText(props.summary, f)}
    </Typography>
  );
}

/** A breakdown card's note when its comparison is incomplete. */
function BreakdownNote(props: { summary: CostSummary }) {
  const f = useCostFormat();
  const note = breakdownNote(props.summary, f);
  return note ? (
    <Typography variant="caption" color="textSecondary">
      {note}
    </Typography>
  ) : null;
}

/**
 * A card of the summary's breakdown by one dimension: `children` and the
 * breakdown's note, or why there is nothing to break down.
 */
export function BreakdownCard(props: {
  summary: CostSummary;
  title: string;
  empty: boolean;
  children: ReactNode;
}) {
  const f = useCostFormat();
  return (
    <InfoCard
      title={props.title}
      subheader={breakdownSubheader(props.summary, f)}
    >
      {props.empty ? (
        <BreakdownEmpty summary={props.summary} />
      ) : (
        <>
          {props.children}
          <BreakdownNote summary={props.summary} />
        </>
      )}
    </InfoCard>
  );
}
