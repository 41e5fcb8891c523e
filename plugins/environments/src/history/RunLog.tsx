import { Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ResponseError } from '@backstage/errors';
import Typography from '@material-ui/core/Typography';
import { useEffect, useRef } from 'react';
import { environmentsTranslationRef } from '../translation';
import { useRunLog } from './useRunLog';

/** The backend's own message (its error body) rather than the HTTP status line. */
export const problemOf = (error: Error) =>
  (error as Partial<ResponseError>).body?.error?.message ?? error.message;

/**
 * A run's Jenkins console log, following the end while the build runs
 * (an `aria-live` log region), with loading, empty and error states.
 */
export function RunLog(props: {
  name: string;
  runId: number;
  pollMs?: number;
}) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  const log = useRunLog(props.name, props.runId, props.pollMs);
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    // Follow the end as text arrives, as Jenkins' console page does.
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [log.text]);

  return (
    <div>
      {log.loading && <Progress />}
      {log.error && (
        <Typography role="alert" variant="body2" color="error">
          {t('card.runs.logError', { message: problemOf(log.error) })}
        </Typography>
      )}
      {!log.loading && !log.error && !log.text && (
        <Typography variant="body2">
          {log.more ? t('card.runs.logWaiting') : t('card.runs.logEmpty')}
        </Typography>
      )}
      {log.truncated && (
        <Typography variant="caption">{t('card.runs.logTruncated')}</Typography>
      )}
      {log.text && (
        <pre
          ref={box}
          role="log"
          aria-live="polite"
          aria-label={t('card.runs.logLabel', { id: String(props.runId) })}
          style={{
            maxHeight: 320,
            overflow: 'auto',
            margin: 0,
            padding: 8,
            fontSize: 12,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
            background: 'rgba(127,127,127,0.08)',
          }}
        >
          {log.text}
        </pre>
      )}
      {log.more && log.text && (
        <Typography variant="caption">{t('card.runs.logFollowing')}</Typography>
      )}
    </div>
  );
}
