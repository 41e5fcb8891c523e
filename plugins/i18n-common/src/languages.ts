/** The languages the portal speaks, in the order the language picker shows them. */
export const LANGUAGES = ['en', 'ko'] as const;

/** One of the portal's languages. */
export type Language = (typeof LANGUAGES)[number];

/**
 * The language of a user who never chose one and of a channel without a
 * configured language: English, the same as the app's default language.
 */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Whether a value (from storage, config or a request) is one of ours. */
export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The Intl locale a language formats with. */
export function localeOf(language: Language): 'en-US' | 'ko-KR' {
  return language === 'ko' ? 'ko-KR' : 'en-US';
}

/**
 * Where a user's language choice is kept in the user-settings backend: the
 * app's storage API (`UserSettingsStorage`, namespace `default`) writes
 * bucket `default.i18n`, key `language`, value a JSON string (`"ko"`).
 */
export const USER_LANGUAGE_SETTING = {
  /** The bucket as the frontend's `storageApi.forBucket(...)` names it. */
  frontendBucket: 'i18n',
  /** The bucket as the user-settings backend stores it. */
  bucket: 'default.i18n',
  key: 'language',
} as const;
