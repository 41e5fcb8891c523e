import type { AuthService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { NewServiceConfig, newServiceConfigOnce } from '../NewServiceConfig';
import { resolveRemoteFile } from '../remoteFileUrl';
import { gitRefProblem, repoPathProblem } from '../repoInput';
import { SERVICE_NAME_PATTERN } from '../serviceName';

/**
 * Whether a URL is a file of a repository the new-service template publishes
 * to: on the git remotes as the GitRemoteUrlReader resolves it, on GitHub
 * `https://{host}/{owner}/{service}/blob/{ref}/{path}`, every part checked.
 */
export function isPublishedFileUrl(
  url: string,
  settings: Pick<NewServiceConfig, 'git' | 'github'>,
): boolean {
  if (settings.git) {
    try {
      resolveRemoteFile(url, settings.git);
      return true;
    } catch {
      // not on the git remotes; maybe on GitHub
    }
  }
  if (!settings.github) return false;
  const prefix = `https://${settings.github.host}/${settings.github.owner}/`;
  if (!url.startsWith(prefix)) return false;
  const match = /^([^/]+)\/blob\/([^/]+)\/(.*)$/.exec(url.slice(prefix.length));
  return (
    !!match &&
    SERVICE_NAME_PATTERN.test(match[1]) &&
    !gitRefProblem(match[2]) &&
    !repoPathProblem(match[3])
  );
}

/**
 * `services:catalog:register`: registers the new service's catalog-info.yaml.
 *
 * Unlike `catalog:register`, which registers with the initiating user's
 * credentials (and the portal's policy keeps `catalog.location.create` for
 * platform-admins), this registers as the scaffolder itself, and only URLs in
 * the repositories the new-service template publishes to: a developer can
 * create a service without being allowed to register arbitrary locations.
 */
export function createCatalogRegisterAction(options: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { config, catalog, auth } = options;
  const newServiceSettings = newServiceConfigOnce(config);
  return createTemplateAction({
    id: 'services:catalog:register',
    description:
      "Registers a new service's catalog-info.yaml (in the new-service template's own repositories only)",
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoUrl: z => z.string(),
        entityRef: z =>
          z
            .string()
            .describe('The entity the file defines, e.g. component:default/x'),
      },
      output: {
        entityRef: z => z.string(),
        catalogInfoUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const { catalogInfoUrl, entityRef } = ctx.input;
      const settings = newServiceSettings();
      if (!isPublishedFileUrl(catalogInfoUrl, settings)) {
        throw new InputError(
          `${catalogInfoUrl} is not in a repository the new-service template publishes to`,
        );
      }
      if (!ctx.isDryRun) {
        ctx.logger.info(`Registering ${catalogInfoUrl} in the catalog`);
        await catalog.addLocation(
          { type: 'url', target: catalogInfoUrl },
          { credentials: await auth.getOwnServiceCredentials() },
        );
      }
      ctx.output('entityRef', entityRef);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
    },
  });
}
