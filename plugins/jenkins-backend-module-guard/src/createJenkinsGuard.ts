import type {
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { jenkinsExecutePermission } from '@backstage-community/plugin-jenkins-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Router from 'express-promise-router';

export type JenkinsGuardOptions = {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
};

/** The plugin's rerun route (Pipeline replay of one build of a job). */
const RERUN_ROUTE =
  '/v1/entity/:namespace/:kind/:name/job/:jobFullName/:buildNumber';

/** The jobs an entity names: `jenkins.io/job-full-name` (comma-separated, optional `instance:`) or the legacy `jenkins.io/github-folder`. */
export function jobsOf(annotations: Record<string, string> = {}): string[] {
  const names = annotations['jenkins.io/github-folder']
    ? [annotations['jenkins.io/github-folder']]
    : (annotations['jenkins.io/job-full-name'] ?? '').split(',');
  return names
    .map(n => n.trim())
    .filter(Boolean)
    .map(n => (n.includes(':') ? n.slice(n.indexOf(':') + 1) : n));
}

/**
 * Express middleware to mount in front of the Jenkins plugin's router. The
 * plugin checks `jenkins.execute` on the entity in the URL but rebuilds the
 * job named in the URL, whichever entity it belongs to, and answers 200 when
 * the permission is denied. Here a rerun passes only for a job the entity
 * itself names and a caller allowed `jenkins.execute` on it; every other
 * request that is not a read is refused.
 */
export function createJenkinsGuard(options: JenkinsGuardOptions) {
  const router = Router();
  router.post(RERUN_ROUTE, async (req, _res, next) => {
    const { namespace, kind, name, jobFullName, buildNumber } = req.params;
    if (!/^\d{1,9}$/.test(buildNumber)) {
      throw new InputError(
        `Invalid build number ${JSON.stringify(buildNumber)}`,
      );
    }
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const entityRef = stringifyEntityRef({ kind, namespace, name });
    const entity = await options.catalog.getEntityByRef(entityRef, {
      credentials: await options.auth.getOwnServiceCredentials(),
    });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    // A multibranch job's branches are jobs inside it (`shop/shop-web/main`).
    const owned = jobsOf(entity.metadata.annotations).some(
      job => jobFullName === job || jobFullName.startsWith(`${job}/`),
    );
    if (!owned || jobFullName.split('/').some(s => s === '..' || s === '.')) {
      throw new NotAllowedError(
        `${entityRef} does not name the Jenkins job ${jobFullName}`,
      );
    }
    const [decision] = await options.permissions.authorize(
      [{ permission: jenkinsExecutePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only the owners of ${entityRef} and platform admins may rerun its builds`,
      );
    }
    // Past the rest of this guard, on to the plugin's own route.
    next('router');
  });
  router.use(async (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    throw new NotAllowedError('The portal offers no such Jenkins action');
  });
  return router;
}
