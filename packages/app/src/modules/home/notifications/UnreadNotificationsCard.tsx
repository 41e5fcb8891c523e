import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Link, Progress, WarningPanel } from '@backstage/core-components';
import { notificationsApiRef } from '@backstage/plugin-notifications';
import { Box, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { useFormatters } from '@internal/i18n-react';
import { appTranslationRef } from '../../../translation';

/** How many unread notifications the card lists; the rest are counted. */
export const UNREAD_SHOWN = 5;

/** The signed-in user's newest unread notifications, linked to what they are about. */
export function UnreadNotificationsCard() {
  const { t } = useTranslationRef(appTranslationRef);
  const fmt = useFormatters();
  const api = useApi(notificationsApiRef);
  const { loading, error, value } = useAsync(
    () =>
      api.getNotifications({
        read: false,
        limit: UNREAD_SHOWN,
        sort: 'created',
        sortOrder: 'desc',
      }),
    [api],
  );
  if (loading) {
    return <Progress aria-label={t('home.notifications.loading')} />;
  }
  if (error) {
    return (
      <WarningPanel
        severity="error"
        title={t('home.notifications.error')}
        message={error.message}
      />
    );
  }
  if (!value?.notifications.length) {
    return <Typography>{t('home.notifications.empty')}</Typography>;
  }
  const more = value.totalCount - value.notifications.length;
  return (
    <Box role="list" aria-label={t('home.notifications.title')}>
      {value.notifications.map(n => (
        <Box
          key={n.id}
          role="listitem"
          py={1}
          borderBottom="1px solid rgba(128,128,128,0.2)"
        >
          {n.payload.link ? (
            <Link to={n.payload.link}>{n.payload.title}</Link>
          ) : (
            <Typography>{n.payload.title}</Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            {fmt.dateTime(n.created)}
          </Typography>
        </Box>
      ))}
      <Box pt={1}>
        <Link to="/notifications">
          {more > 0
            ? t('home.notifications.more', { count: more })
            : t('home.notifications.all')}
        </Link>
      </Box>
    </Box>
  );
}
