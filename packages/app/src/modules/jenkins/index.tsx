import {
  ApiBlueprint,
  createFrontendModule,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isJenkinsAvailable,
  JenkinsClient,
  jenkinsApiRef,
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
      import('@backstage-community/plugin-jenkins').then(m => (
        <m.LatestRunCard branch="" title="Latest Jenkins build" />
      )),
  },
});

/** Overrides of the community Jenkins plugin (pluginId `jenkins`). */
export const jenkinsModule = createFrontendModule({
  pluginId: 'jenkins',
  extensions: [jenkinsApi, latestRunCard],
});
