import { mockApis } from '@backstage/frontend-test-utils';
import { formattersFor } from '@internal/i18n-common';
import { costUptimeTranslationRef } from '../translation';
import ko from '../translations/ko';
import { costFormat, CostFormat, CostT } from '../components/format';

/** The plugin's English, as the app renders it by default. */
export function englishFormat(): CostFormat {
  const snapshot = mockApis
    .translation()
    .getTranslation(costUptimeTranslationRef);
  if (!snapshot.ready) throw new Error('translation not ready');
  return costFormat(snapshot.t as CostT, formattersFor('en'));
}

/** The plugin's Korean messages, interpolated the way i18next does. */
export function koreanFormat(): CostFormat {
  const messages = ko.messages as Record<string, string | null>;
  const t = ((key: string, values: Record<string, unknown> = {}) =>
    String(messages[key]).replace(/\{\{(\w+)\}\}/g, (_, name) =>
      String(values[name]),
    )) as unknown as CostT;
  return costFormat(t, formattersFor('ko'));
}
