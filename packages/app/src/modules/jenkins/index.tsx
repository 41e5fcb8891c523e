import {
  ApiBlueprint,
  createFrontendModule,
  discoveryApiRef,
  fetchApiRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { appTranslationRef } from '../../translation';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  isJenkinsAvailable,
  JenkinsClient,
  jenkinsApiRef,
  jenkinsPlugin,
} from '@backstage-community/plugin-jenkins';
import { reportingFetchApi } from './reportingFetchApi';

/** The plugin's client, with a fetch that turns backend errors into errors. */
const jenkinsApi = ApiBlueprint.make({
  name: 'jenkins',
  params: defineParams =>
    defineParams({
      api: jenkinsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new JenkinsClient({
          discoveryApi,
          fetchApi: reportingFetchApi(fetchApi),
        }),
    }),
});

/**
 * The latest run of the service's job. The plugin's own card asks for a
 * branch of a multibranch project (default `master`); the application jobs
 * here are Pipeline jobs (`{folder}/{service}`, templates/new-service), so
 * no branch: the job itself.
 */
const latestRunCard = EntityCardBlueprint.make({
  name: 'latest-run',
  params: {
    filter: isJenkinsAvailable,
    type: 'content',
    loader: () =>
      import('@backstage-community/plugin-jenkins').then(m => {
        const Card = () => {
          const { t } = useTranslationRef(appTranslationRef);
          return <m.LatestRunCard branch="" title={t('jenkins.latestRun')} />;
        };
        return <Card />;
      }),
  },
});

/**
 * The CI/CD tab: the plugin's own page (its route, so its links to a build
 * and to a job's runs keep working) with a clear message when Jenkins fails.
 */
const ciCdContent = EntityContentBlueprint.make({
  name: 'projects',
  params: {
    path: 'ci-cd',
    // A message, so the entity page shows the tab in the user's language.
    title: appTranslationRef('jenkins.tabTitle'),
    filter: isJenkinsAvailable,
    routeRef: convertLegacyRouteRef(jenkinsPlugin.routes.entityContent),
    loader: () =>
      import('./CiCdContent').then(m => compatWrapper(<m.CiCdContent />)),
  },
});

/** Overrides of the community Jenkins plugin (pluginId `jenkins`). */
export const jenkinsModule = createFrontendModule({
  pluginId: 'jenkins',
  extensions: [jenkinsApi, latestRunCard, ciCdContent],
});
