import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { UserLanguageStore } from './UserLanguageStore';
import { createLanguagesRouter } from './router';

/**
 * Serves the language users chose in Settings to the alerts backend, from
 * the user-settings plugin's database (a module shares its plugin's
 * database and routes). `userSettings.languageReaders` lists the backend
 * plugins allowed to ask; default `[alerts]`.
 */
export const userSettingsModuleLanguages = createBackendModule({
  pluginId: 'user-settings',
  moduleId: 'languages',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, database, httpAuth, httpRouter }) {
        const store = new UserLanguageStore(await database.getClient());
        const readers = config.getOptionalStringArray(
          'userSettings.languageReaders',
        ) ?? ['alerts'];
        httpRouter.use(
          await createLanguagesRouter({ httpAuth, store, readers }),
        );
      },
    });
  },
});
