import { makeStyles } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { appTranslationRef } from '../../translation';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 10,
    color: '#fff',
    whiteSpace: 'nowrap',
  },
  title: {
    fontSize: 18,
    fontWeight: 700,
    lineHeight: 1.1,
  },
  subtitle: {
    fontSize: 11,
    color: '#7df3e1',
    letterSpacing: 0.5,
    textTransform: 'uppercase',
  },
});

/** The portal's name beside the mark; shown when the sidebar is open. */
export const LogoFull = () => {
  const classes = useStyles();
  const { t } = useTranslationRef(appTranslationRef);
  return (
    <div className={classes.root}>
      <LogoIcon />
      <div>
        <div className={classes.title}>{t('nav.logoTitle')}</div>
        <div className={classes.subtitle}>{t('nav.logoSubtitle')}</div>
      </div>
    </div>
  );
};
