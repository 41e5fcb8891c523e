import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { isLanguage, Language } from '@internal/i18n-common';

export type { Language } from '@internal/i18n-common';

/** Metadata key of a notification payload: the language it is written in. */
export const LANGUAGE_METADATA_KEY = 'language';

/** The language an alert notification is written in (default: the configured one). */
export function payloadLanguage(
  payload: NotificationPayload,
  defaultLanguage: Language,
): Language {
  const value = payload.metadata?.[LANGUAGE_METADATA_KEY];
  return isLanguage(value) ? value : defaultLanguage;
}

/** "Open in portal" in a chat message, per language. */
export function openInPortalText(language: Language): string {
  return language === 'ko' ? '포털에서 보기' : 'Open in portal';
}

/** Each user's chosen language; users who chose none are absent. */
export interface UserLanguages {
  languagesOf(userEntityRefs: string[]): Promise<Map<string, Language>>;
}

/**
 * Asks the user-settings backend (module `languages`) for the languages
 * users chose in Settings. When it cannot answer, everyone gets the default
 * language: an alert in the wrong language beats no alert.
 */
export class UserSettingsLanguages implements UserLanguages {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async languagesOf(userEntityRefs: string[]): Promise<Map<string, Language>> {
    const result = new Map<string, Language>();
    if (userEntityRefs.length === 0) return result;
    try {
      const baseUrl = await this.deps.discovery.getBaseUrl('user-settings');
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'user-settings',
      });
      const response = await fetch(`${baseUrl}/languages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ users: userEntityRefs }),
      });
      if (!response.ok) {
        throw new Error(
          `user-settings answered ${response.status}: ${await response.text()}`,
        );
      }
      const body = (await response.json()) as {
        languages: Record<string, unknown>;
      };
      for (const [user, language] of Object.entries(body.languages ?? {})) {
        if (isLanguage(language)) result.set(user, language);
      }
    } catch (error) {
      this.deps.logger.warn(
        `Could not read users' languages; using the default language: ${error}`,
      );
    }
    return result;
  }
}
