/**
 * User-settings module: users' language choices for the alerts backend.
 *
 * @packageDocumentation
 */
export { userSettingsModuleLanguages as default } from './module';
export { LANGUAGES_PATH } from './router';
