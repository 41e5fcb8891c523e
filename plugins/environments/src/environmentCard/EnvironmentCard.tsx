import { useMemo, useState } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { useFormatters } from '@internal/i18n-react';
import { useEntity, useEntityOwnership } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import {
  ENVIRONMENT_ANNOTATIONS as A,
  MAX_TTL_DAYS,
  maxTtlDays,
  readTtlPolicy,
} from '@internal/plugin-environments-common';
import { environmentsTranslationRef } from '../translation';
import { EnvironmentStateChip } from '../history/EnvironmentStateChip';
import { RecentRuns } from '../history/RecentRuns';
import { Moment } from '../history/Moment';
import { useEnvironmentHistory } from '../history/useEnvironmentHistory';
import { useEnvironmentsClient } from '../history/useEnvironmentsClient';
import { useCardAction } from '../useCardAction';

const EXTEND_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The extend-expiry route sets the expiry to now + days; a week past the
 * current expiry is that many whole days from now, at most `maxDays` (the
 * purpose's maximum, `platform.environments.ttl`).
 */
export function extensionDays(
  expiresAt: string | undefined,
  now = Date.now(),
  maxDays = MAX_TTL_DAYS,
) {
  const current = expiresAt ? Date.parse(expiresAt) : NaN;
  const left = Number.isNaN(current) ? 0 : Math.max(0, current - now);
  return Math.min(maxDays, Math.ceil(left / DAY_MS) + EXTEND_DAYS);
}

/** The page's URL asks for the extend dialog (the expiry warnings link with `?extend=1`). */
export function asksToExtend(search: string): boolean {
  return new URLSearchParams(search).get('extend') === '1';
}

/**
 * An environment's state on its catalog page: the recorded lifecycle state
 * and last runs (refreshed while one is in progress), purpose, region,
 * expiry; its owners extend the expiry by a week, within the purpose's
 * maximum (from the card's button, or the dialog that `?extend=1` in the
 * page's URL opens: the expiry warnings link there).
 */
export const EnvironmentCard = ({ pollMs }: { pollMs?: number } = {}) => {
  const { entity } = useEntity();
  const history = useEnvironmentHistory(entity.metadata.name, pollMs);
  const { loading: ownershipLoading, isOwnedEntity } = useEntityOwnership();
  const client = useEnvironmentsClient();
  const configApi = useApi(configApiRef);
  const { t } = useTranslationRef(environmentsTranslationRef);
  const fmt = useFormatters();
  const annotations = entity.metadata.annotations ?? {};
  const purpose = annotations[A.purpose];
  // The newest recorded run's console log, else the catalog's annotation.
  const lastBuild = history.history?.runs.find(r => r.build)?.build;
  const lastRunUrl = lastBuild
    ? `${lastBuild.url}console`
    : annotations[A.lastRunUrl];
  const [expiresAt, setExpiresAt] = useState(annotations[A.expiresAt]);
  const { busy, message, run } = useCardAction(m =>
    t('card.extendFailed', { message: m }),
  );
  const expires = purpose !== 'prod' && purpose !== 'staging';
  const canExtend =
    expires && !ownershipLoading && isOwnedEntity(entity) && !!expiresAt;
  const maxDays = useMemo(
    () => maxTtlDays(readTtlPolicy(configApi), purpose ?? ''),
    [configApi, purpose],
  );
  // Opened by the expiry warnings' link; closed for good once answered.
  const [dialogDismissed, setDialogDismissed] = useState(false);
  const dialogOpen =
    canExtend && !dialogDismissed && asksToExtend(window.location.search);

  const extend = () => {
    setDialogDismissed(true);
    return run(async () => {
      const body = await client.extendExpiry(
        entity.metadata.name,
        extensionDays(expiresAt, Date.now(), maxDays),
      );
      setExpiresAt(body.expiresAt);
      // The extension is a recorded run: list it.
      history.reload();
      return t('card.extended', {
        date: fmt.dateTime(Date.parse(body.expiresAt)),
      });
    });
  };

  return (
    <InfoCard title={t('card.title')}>
      <Table size="small" aria-label={t('card.tableLabel')}>
        <TableBody>
          <TableRow>
            <TableCell component="th">{t('card.status')}</TableCell>
            <TableCell>
              {/* Until the recorded state arrives nothing is shown, not "unknown". */}
              {history.loading ? null : (
                <EnvironmentStateChip
                  value={history.history?.state ?? annotations[A.status]}
                />
              )}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">{t('card.purpose')}</TableCell>
            <TableCell>{purpose ?? '-'}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">{t('card.region')}</TableCell>
            <TableCell>{annotations[A.region] ?? '-'}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">{t('card.lastRun')}</TableCell>
            <TableCell>
              {lastRunUrl ? (
                <Link to={lastRunUrl}>{t('card.pipelineLog')}</Link>
              ) : (
                t('card.noRunYet')
              )}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell component="th">{t('card.expires')}</TableCell>
            <TableCell data-testid="environment-expiry">
              {expires && expiresAt ? <Moment iso={expiresAt} /> : null}
              {expires && !expiresAt ? t('card.expiryNotSet') : null}
              {expires ? null : t('card.neverExpires')}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <RecentRuns state={history} />
      {canExtend && (
        <Button
          variant="outlined"
          color="primary"
          disabled={busy}
          onClick={extend}
          style={{ marginTop: 16 }}
        >
          {t('card.extend', { days: String(EXTEND_DAYS) })}
        </Button>
      )}
      <Dialog
        open={dialogOpen}
        onClose={() => setDialogDismissed(true)}
        aria-labelledby="environment-extend-title"
      >
        <DialogTitle id="environment-extend-title">
          {t('card.extendDialog.title')}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {t('card.extendDialog.body', {
              name: entity.metadata.name,
              days: String(EXTEND_DAYS),
              max: String(maxDays),
            })}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDialogDismissed(true)}>
            {t('card.extendDialog.cancel')}
          </Button>
          <Button color="primary" disabled={busy} onClick={extend}>
            {t('card.extendDialog.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
      {message && (
        <Typography role="status" variant="body2" style={{ marginTop: 8 }}>
          {message}
        </Typography>
      )}
    </InfoCard>
  );
};
