import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  EstimateCheck,
  GapCause,
} from '@internal/plugin-environments-common';
import { useFormatters } from '@internal/i18n-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { useEnvironmentsClient } from '../history/useEnvironmentsClient';
import { environmentsTranslationRef } from '../translation';

type Checked = Extract<EstimateCheck, { state: 'checked' }>;

const CAUSE_KEYS = {
  'node count': 'estimateVsBill.cause.nodeCount',
  'instance type': 'estimateVsBill.cause.instanceType',
  volumes: 'estimateVsBill.cause.volumes',
} as const;

/** The compared figures and, beyond the tolerance, the likely causes. */
function CheckedFigures({ check }: { check: Checked }) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const fmt = useFormatters();
  const { result, estimate } = check;
  const money = (n: number) => fmt.money(n, estimate.currency);
  const cause = (c: GapCause) =>
    t('estimateVsBill.causeLine', {
      cause: t(CAUSE_KEYS[c.cause]),
      estimated: money(c.estimated),
      billed: money(c.billed),
    });
  return (
    <>
      <Table size="small" aria-label={t('estimateVsBill.title')}>
        <TableBody>
          <TableRow>
            <TableCell component="th">
              {t('estimateVsBill.estimatedFor', { days: String(result.days) })}
            </TableCell>
            <TableCell data-testid="estimate-estimated">
              {money(result.estimated)}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">{t('estimateVsBill.billed')}</TableCell>
            <TableCell data-testid="estimate-billed">
              {money(result.billed)}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">{t('estimateVsBill.gap')}</TableCell>
            <TableCell data-testid="estimate-gap">
              {`${result.gap > 0 ? '+' : ''}${fmt.percent(result.gap, 0)}`}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Typography variant="body2" style={{ marginTop: 12 }}>
        {result.outside
          ? t('estimateVsBill.outside')
          : t('estimateVsBill.within')}
      </Typography>
      {result.causes.map(c => (
        <Typography key={c.cause} variant="body2" data-testid="estimate-cause">
          {cause(c)}
        </Typography>
      ))}
    </>
  );
}

/** What the check says before it can compare. */
function useStatusText() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const fmt = useFormatters();
  return (check: Exclude<EstimateCheck, Checked>) => {
    if (check.state === 'no-estimate') return t('estimateVsBill.none');
    const monthly = t('estimateVsBill.monthly', {
      amount: fmt.money(check.estimate.total, check.estimate.currency),
      instanceType: check.estimate.instanceType,
      nodes: String(check.estimate.nodeCount),
    });
    if (check.state === 'not-ready')
      return `${monthly} ${t('estimateVsBill.notReady')}`;
    return `${monthly} ${t('estimateVsBill.waiting', {
      from: fmt.utcDay(check.window.from),
      to: fmt.utcDay(check.window.to),
      checkOn: fmt.utcDay(check.window.checkOn),
    })}`;
  };
}

/**
 * The create form's estimate against what the environment's first 7 days
 * were billed, with the likely cause of a gap beyond ±30%.
 */
export function EstimateCard() {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const { entity } = useEntity();
  const client = useEnvironmentsClient();
  const name = entity.metadata.name;
  const state = useAsync(() => client.getEstimate(name), [client, name]);
  const statusText = useStatusText();

  let content;
  if (state.loading) content = <Progress />;
  else if (state.error) content = <ResponseErrorPanel error={state.error} />;
  else if (state.value!.state === 'checked')
    content = <CheckedFigures check={state.value!} />;
  else
    content = (
      <Typography variant="body2" data-testid="estimate-status">
        {statusText(state.value!)}
      </Typography>
    );
  return <InfoCard title={t('estimateVsBill.title')}>{content}</InfoCard>;
}
