import {
  ApiBlueprint,
  appLanguageApiRef,
  createFrontendModule,
  createTranslationResource,
  storageApiRef,
  TranslationMessages,
  TranslationRef,
} from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { userSettingsTranslationRef } from '@backstage/plugin-user-settings';
import { coreComponentsTranslationRef } from '@backstage/core-components';
import { notificationsTranslationRef } from '@backstage/plugin-notifications';
import { searchTranslationRef } from '@backstage/plugin-search';
import { searchReactTranslationRef } from '@backstage/plugin-search-react';
import { homeTranslationRef } from '@backstage/plugin-home';
import { scaffolderTranslationRef } from '@backstage/plugin-scaffolder';
import { scaffolderReactTranslationRef } from '@backstage/plugin-scaffolder-react';
import { catalogTranslationRef } from '@backstage/plugin-catalog';
import { catalogReactTranslationRef } from '@backstage/plugin-catalog-react';
import { appTranslationRef } from '../../translation';
import { UserLanguageSelector } from './UserLanguageSelector';
import { servicesTranslations } from '@internal/plugin-services';
import { costUptimeTranslations } from '@internal/plugin-cost-uptime';
import { environmentsTranslations } from '@internal/plugin-environments';

/**
 * Our plugins' Korean (each plugin exports its TranslationBlueprint): the
 * app's translations input only takes extensions of the app plugin, so
 * they are installed here. Add a plugin's when it gets one.
 */
const PLUGIN_TRANSLATIONS = [
  servicesTranslations,
  costUptimeTranslations,
  environmentsTranslations,
];

/**
 * The app language (English, Korean), stored per user with the
 * user-settings backend; it replaces the app plugin's browser-only one. With
 * two languages, Settings shows the language picker.
 */
const appLanguageApi = ApiBlueprint.make({
  name: 'app-language',
  params: defineParams =>
    defineParams({
      api: appLanguageApiRef,
      deps: { storage: storageApiRef },
      factory: ({ storage }) => UserLanguageSelector.create({ storage }),
    }),
});

/** Korean for one translation ref, loaded when the language is chosen. */
function korean<TId extends string>(
  name: string,
  ref: TranslationRef<TId>,
  load: () => Promise<{ default: TranslationMessages<TId> }>,
) {
  return TranslationBlueprint.make({
    name,
    params: {
      resource: createTranslationResource({
        ref,
        translations: { ko: load },
      }),
    },
  });
}

const koreanResources = [
  korean(
    'portal-app',
    appTranslationRef,
    () => import('../../translations/ko'),
  ),
  korean(
    'user-settings',
    userSettingsTranslationRef,
    () => import('./ko/userSettings'),
  ),
  korean(
    'core-components',
    coreComponentsTranslationRef,
    () => import('./ko/coreComponents'),
  ),
  korean(
    'notifications',
    notificationsTranslationRef,
    () => import('./ko/notifications'),
  ),
  korean('home', homeTranslationRef, () => import('./ko/home')),
  korean('search', searchTranslationRef, () =>
    import('./ko/search').then(m => ({ default: m.searchKo })),
  ),
  korean('search-react', searchReactTranslationRef, () =>
    import('./ko/search').then(m => ({ default: m.searchReactKo })),
  ),
  korean('scaffolder', scaffolderTranslationRef, () =>
    import('./ko/scaffolder').then(m => ({ default: m.scaffolderKo })),
  ),
  korean('scaffolder-react', scaffolderReactTranslationRef, () =>
    import('./ko/scaffolder').then(m => ({ default: m.scaffolderReactKo })),
  ),
  korean('catalog', catalogTranslationRef, () =>
    import('./ko/catalog').then(m => ({ default: m.catalogKo })),
  ),
  korean('catalog-react', catalogReactTranslationRef, () =>
    import('./ko/catalog').then(m => ({ default: m.catalogReactKo })),
  ),
];

export const i18nModule = createFrontendModule({
  pluginId: 'app',
  extensions: [appLanguageApi, ...koreanResources, ...PLUGIN_TRANSLATIONS],
});
