import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { GitPublisher } from '../GitPublisher';
import {
  appRepoUrl,
  blobUrl,
  newServiceConfigOnce,
  treeUrl,
} from '../NewServiceConfig';
import {
  assertEnvironmentName,
  assertServiceName,
  SERVICE_NAME_PATTERN,
} from '../serviceName';

/**
 * `services:plan`: the first step of the new-service template. Validates the
 * name again (the form's pattern is only a convenience), refuses a name that
 * is taken (a catalog Component, an application repository with history, a
 * manifest path in use) before anything is written, and tells the template
 * where to publish and which URLs and values the generated files carry.
 */
export function createPlanAction(options: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}) {
  const { config, catalog, auth } = options;
  const newServiceSettings = newServiceConfigOnce(config);
  return createTemplateAction({
    id: 'services:plan',
    description:
      'Checks that a new service name is valid and free, and returns where the new-service template publishes it',
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().describe(`Service name (${SERVICE_NAME_PATTERN.source})`),
        environments: z =>
          z.array(z.string()).min(1).describe('Environments to deploy to'),
      },
      output: {
        publishTo: z => z.enum(['github', 'git']),
        appRepoUrl: z =>
          z.string().describe('Clone URL of the application repository'),
        githubRepoUrl: z => z.string().optional(),
        githubManifestsRepoUrl: z => z.string().optional(),
        manifestsRepoUrl: z => z.string(),
        branch: z => z.string(),
        sourceLocation: z => z.string(),
        catalogInfoUrl: z => z.string(),
        image: z => z.string(),
        awsRegion: z => z.string(),
        ecrRegistry: z => z.string(),
        ingressDomain: z => z.string(),
        albGroup: z => z.string(),
        jenkinsJob: z => z.string(),
        manifestsCredentialsId: z => z.string(),
        portalUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const { name } = ctx.input;
      assertServiceName(name);
      // Each becomes a directory of the manifest repository (targetPath).
      ctx.input.environments.forEach(e => assertEnvironmentName(e));
      const settings = newServiceSettings();

      const existing = await catalog.getEntityByRef(
        `component:default/${name}`,
        { credentials: await auth.getOwnServiceCredentials() },
      );
      if (existing) {
        throw new ConflictError(
          `The name ${name} is taken: component:default/${name} already exists in the catalog`,
        );
      }

      const branch = settings.git?.branch ?? 'main';
      let repoUrl: string;
      let manifestsRepoUrl: string;
      let sourceLocation: string;
      let catalogInfoUrl: string;
      if (settings.publishTo === 'github' && settings.github) {
        const { host, owner, manifestsRepo } = settings.github;
        repoUrl = `https://${host}/${owner}/${name}.git`;
        manifestsRepoUrl = `https://${host}/${owner}/${manifestsRepo}.git`;
        sourceLocation = `url:https://${host}/${owner}/${name}/tree/main/`;
        catalogInfoUrl = `https://${host}/${owner}/${name}/blob/main/catalog-info.yaml`;
        ctx.output('githubRepoUrl', `${host}?owner=${owner}&repo=${name}`);
        ctx.output(
          'githubManifestsRepoUrl',
          `${host}?owner=${owner}&repo=${manifestsRepo}`,
        );
      } else {
        const git = settings.git!;
        if (!ctx.isDryRun) {
          await new GitPublisher(git, ctx.logger).preflight(name);
        }
        repoUrl = appRepoUrl(git, name);
        manifestsRepoUrl = git.manifestsUrl;
        sourceLocation = `url:${treeUrl(repoUrl, branch)}`;
        catalogInfoUrl = blobUrl(repoUrl, branch, 'catalog-info.yaml');
      }
      ctx.logger.info(
        `${name}: publishing to ${
          settings.publishTo
        } (${repoUrl}), environments ${ctx.input.environments.join(', ')}`,
      );

      ctx.output('publishTo', settings.publishTo);
      ctx.output('appRepoUrl', repoUrl);
      ctx.output('manifestsRepoUrl', manifestsRepoUrl);
      ctx.output('branch', branch);
      ctx.output('sourceLocation', sourceLocation);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      ctx.output('image', `${settings.ecr.registry}/${name}`);
      ctx.output('awsRegion', settings.ecr.region);
      ctx.output('ecrRegistry', settings.ecr.registry);
      ctx.output('ingressDomain', settings.ingress.domain);
      ctx.output('albGroup', settings.ingress.albGroup);
      ctx.output('jenkinsJob', `${settings.jenkins.folder}/${name}`);
      ctx.output(
        'manifestsCredentialsId',
        settings.jenkins.manifestsCredentialsId,
      );
      ctx.output('portalUrl', config.getString('app.baseUrl'));
    },
  });
}
