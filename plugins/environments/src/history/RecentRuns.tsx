import { Link, Progress, StatusRunning } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { EnvironmentRun } from '@internal/plugin-environments-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { environmentsTranslationRef } from '../translation';
import { Moment } from './Moment';
import { problemOf, RunLog } from './RunLog';
import type { HistoryState } from './useEnvironmentHistory';

/** How many runs the card lists, newest first. */
const SHOWN_RUNS = 5;

/** `user:default/minsu.park` reads as `minsu.park`; `expiry` stays. */
const who = (ref: string) => ref.replace(/^[a-z]+:(default\/)?/i, '');

/** Columns of a run's row, for the log row under it. */
const COLUMNS = 7;
/** Short values (operation, person, result) stay on one line. */
const ONE_LINE = { whiteSpace: 'nowrap' } as const;

function Row(props: { name: string; run: EnvironmentRun; logPollMs?: number }) {
  const { name, run } = props;
  const { t } = useTranslationRef(environmentsTranslationRef);
  // A run in progress shows its log as it is written: the live log.
  const [open, setOpen] = useState(run.result === undefined);
  return (
    <>
      <TableRow>
        <TableCell style={ONE_LINE}>
          {t(`card.operation.${run.operation}`)}
        </TableCell>
        <TableCell style={ONE_LINE}>{who(run.requestedBy)}</TableCell>
        <TableCell style={{ minWidth: 140 }}>
          <Moment iso={run.requestedAt} />
        </TableCell>
        <TableCell style={ONE_LINE}>
          {run.result ?? (
            <StatusRunning>{t('card.runs.running')}</StatusRunning>
          )}
        </TableCell>
        <TableCell>
          {run.build ? (
            <Link to={run.build.url}>
              {t('card.runs.buildLink', { number: String(run.build.number) })}
            </Link>
          ) : (
            '-'
          )}
        </TableCell>
        <TableCell>
          {run.gitCommit ? (
            <code title={run.gitCommit}>{run.gitCommit.slice(0, 7)}</code>
          ) : (
            '-'
          )}
        </TableCell>
        <TableCell>
          {run.build || run.result === undefined ? (
            <Button
              size="small"
              style={ONE_LINE}
              aria-expanded={open}
              onClick={() => setOpen(o => !o)}
            >
              {open ? t('card.runs.hideLog') : t('card.runs.showLog')}
            </Button>
          ) : (
            '-'
          )}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={COLUMNS}>
            <RunLog name={name} runId={run.id} pollMs={props.logPollMs} />
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

/** The environment's last pipeline runs, with loading, empty and error states. */
export function RecentRuns({
  state,
  logPollMs,
}: {
  state: HistoryState;
  /** How often an open log of a running build asks for more (tests set it). */
  logPollMs?: number;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { loading, history, error } = state;
  const runs = history?.runs.slice(0, SHOWN_RUNS) ?? [];
  return (
    <>
      <Typography variant="subtitle2" style={{ marginTop: 16 }}>
        {t('card.runs.title')}
      </Typography>
      {loading && <Progress />}
      {error && (
        <Typography role="alert" variant="body2" color="error">
          {t('card.runs.error', { message: problemOf(error) })}
        </Typography>
      )}
      {!loading && history && runs.length === 0 && (
        <Typography variant="body2">{t('card.runs.empty')}</Typography>
      )}
      {runs.length > 0 && (
        <div style={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('card.runs.tableLabel')}>
            <TableHead>
              <TableRow>
                <TableCell style={ONE_LINE}>
                  {t('card.runs.operation')}
                </TableCell>
                <TableCell style={ONE_LINE}>{t('card.runs.by')}</TableCell>
                <TableCell style={ONE_LINE}>{t('card.runs.when')}</TableCell>
                <TableCell style={ONE_LINE}>{t('card.runs.result')}</TableCell>
                <TableCell style={ONE_LINE}>{t('card.runs.build')}</TableCell>
                <TableCell style={ONE_LINE}>{t('card.runs.commit')}</TableCell>
                <TableCell style={ONE_LINE}>{t('card.runs.log')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {runs.map(run => (
                <Row
                  key={run.id}
                  name={history!.name}
                  run={run}
                  logPollMs={logPollMs}
                />
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
