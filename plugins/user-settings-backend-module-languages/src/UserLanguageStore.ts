import { Knex } from 'knex';
import {
  isLanguage,
  Language,
  USER_LANGUAGE_SETTING,
} from '@internal/i18n-common';

/** Users looked up per query; SQLite allows 999 bound values. */
const CHUNK = 500;

/**
 * Reads users' language choices from the user-settings plugin's table
 * (`user_settings`: user_entity_ref, bucket, key, value as JSON), the
 * bucket and key the app's language picker writes. Read-only: the
 * user-settings plugin owns the table and its migrations.
 */
export class UserLanguageStore {
  constructor(private readonly db: Knex) {}

  /** The language each given user chose; users without a valid choice are left out. */
  async languagesOf(
    userEntityRefs: string[],
  ): Promise<Record<string, Language>> {
    const result: Record<string, Language> = {};
    const refs = [...new Set(userEntityRefs)];
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows: { user_entity_ref: string; value: string }[] = await this.db(
        'user_settings',
      )
        .where({
          bucket: USER_LANGUAGE_SETTING.bucket,
          key: USER_LANGUAGE_SETTING.key,
        })
        .whereIn('user_entity_ref', refs.slice(i, i + CHUNK))
        .select(['user_entity_ref', 'value']);
      for (const row of rows) {
        const language = parse(row.value);
        if (language) result[row.user_entity_ref] = language;
      }
    }
    return result;
  }
}

function parse(value: string): Language | undefined {
  try {
    const parsed = JSON.parse(value);
    return isLanguage(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
