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

/** One labelled figure of the comparison. */
function FigureRow(props: { label: string; testId: string; value: string }) {
  return (
    <TableRow>
      <TableCell component="th">{props.label}</TableCell>
      <TableCell data-testid={props.testId}>{props.value}</TableCell>
    </TableRow>
  );
}

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
          <FigureRow
            label={t('estimateVsBill.estimatedFor', {
              days: String(result.days),
            })}
            testId="estimate-estimated"
            value={money(result.estimated)}
          />
          <FigureRow
            label={t('estimateVsBill.billed')}
            testId="estimate-billed"
            value={money(result.billed)}
          />
          <FigureRow
            label={t('estimateVsBill.gap')}
            testId="estimate-gap"
            value={`${result.gap > 0 ? '+' : ''}${fmt.percent(result.gap, 0)}`}
          />
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
