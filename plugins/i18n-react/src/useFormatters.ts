import { useMemo } from 'react';
import useObservable from 'react-use/esm/useObservable';
import { appLanguageApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  DEFAULT_LANGUAGE,
  Formatters,
  formattersFor,
  isLanguage,
  Language,
} from '@internal/i18n-common';

/** The app's current language (`en` or `ko`); re-renders when it changes. */
export function useLanguage(): Language {
  const languageApi = useApi(appLanguageApiRef);
  const language$ = useMemo(() => languageApi.language$(), [languageApi]);
  const { language } = useObservable(language$, languageApi.getLanguage());
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/**
 * Intl formatters for the app's language, in the browser's time zone (the
 * user's): `const fmt = useFormatters(); fmt.money(12.5, 'USD')`.
 */
export function useFormatters(): Formatters {
  const language = useLanguage();
  return useMemo(() => formattersFor(language), [language]);
}
