import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { authModule } from './modules/auth';
import { jenkinsModule } from './modules/jenkins';
import { argocdModule } from './modules/argocd';
import { themeModule } from './modules/theme';
import { i18nModule } from './modules/i18n';

/**
 * The portal's frontend. Plugins installed in package.json are discovered
 * (`app.packages: all`); the features listed here are the app's own modules.
 */
export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    authModule,
    jenkinsModule,
    argocdModule,
    themeModule,
    i18nModule,
  ],
});
