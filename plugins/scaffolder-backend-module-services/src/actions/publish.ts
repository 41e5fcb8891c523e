import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { GitPublisher } from '../GitPublisher';
import { newServiceConfigOnce } from '../NewServiceConfig';

/**
 * `services:git:publish`: pushes a generated service to plain Git remotes
 * (config newService.git): the application repository from one workspace
 * directory, and a commit to the manifest repository from another. All or
 * nothing (see GitPublisher).
 */
export function createGitPublishAction(options: { config: Config }) {
  const { config } = options;
  const newServiceSettings = newServiceConfigOnce(config);
  return createTemplateAction({
    id: 'services:git:publish',
    description:
      'Pushes a new service to Git remotes from config: a new application repository and its manifests in the manifest repository, all or nothing',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Service name (DNS label)'),
        appPath: z =>
          z
            .string()
            .describe('Workspace directory of the application repository'),
        manifestsPath: z =>
          z
            .string()
            .describe(
              'Workspace directory whose content is added to the manifest repository',
            ),
        manifestPaths: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Paths in the manifest repository that must be free (default apps/{name})',
            ),
        message: z => z.string().optional().describe('Commit message'),
      },
      output: {
        remoteUrl: z => z.string(),
        commitHash: z => z.string(),
        manifestsRepoUrl: z => z.string(),
        manifestsCommitHash: z => z.string(),
      },
    },
    async handler(ctx) {
      const settings = newServiceSettings();
      if (!settings.git) {
        throw new InputError('newService.git is not configured');
      }
      const { name } = ctx.input;
      const publisher = new GitPublisher(settings.git, ctx.logger);
      const manifestPaths = ctx.input.manifestPaths ?? [`apps/${name}`];
      if (ctx.isDryRun) {
        await publisher.preflight(name, manifestPaths);
        ctx.logger.info(`Dry run: would publish ${name}`);
        return;
      }
      // A retried task must not push twice: the checkpoint keeps the result.
      const result = await ctx.checkpoint<{ [k: string]: string }>({
        key: `services-git-publish-${name}`,
        fn: async () => ({
          ...(await publisher.publish({
            name,
            appDir: resolveSafeChildPath(ctx.workspacePath, ctx.input.appPath),
            manifestsDir: resolveSafeChildPath(
              ctx.workspacePath,
              ctx.input.manifestsPath,
            ),
            manifestPaths,
            message: ctx.input.message ?? `Create service ${name}`,
          })),
        }),
      });
      ctx.output('remoteUrl', result.appRepoUrl);
      ctx.output('commitHash', result.appCommit);
      ctx.output('manifestsRepoUrl', result.manifestsRepoUrl);
      ctx.output('manifestsCommitHash', result.manifestsCommit);
    },
  });
}
