import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { argocdApplicationSyncPermission } from '@internal/plugin-argocd-common';
import express, { type Request, type Response } from 'express';
import Router from 'express-promise-router';
import {
  checkReadInputs,
  FORWARDING_READ_ROUTES,
  parseSelector,
} from './inputs';
import type { SyncTarget, SyncTargetFinder } from './SyncTargets';

export type ArgoCdGuardOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  targets: SyncTargetFinder;
};

/**
 * The one write the portal offers: the Argo CD plugin's `POST /sync`, matched
 * the way Express matches the plugin's own route (case-insensitive, optional
 * trailing slash).
 */
const SYNC_PATH = /^\/sync\/?$/i;

/**
 * Express middleware to mount in front of the Argo CD plugin's router:
 * - reads (GET, HEAD) pass, once the inputs the plugin forwards into Argo CD
 *   URLs are checked;
 * - `POST /sync` passes for a user allowed `argocd.application.sync` on every
 *   catalog entity each matched application belongs to, and is audited;
 * - every other request (create, update, delete, terminating an operation,
 *   and any route a later plugin version adds) is refused with 403 and
 *   audited, before anything reaches Argo CD.
 */
export function createArgoCdGuard(options: ArgoCdGuardOptions) {
  const router = Router();
  router.use(express.json());
  router.get(FORWARDING_READ_ROUTES, async (req, _res, next) => {
    checkReadInputs(req.params, req.query as Record<string, unknown>);
    next();
  });
  router.use(async (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    if (req.method === 'POST' && SYNC_PATH.test(req.path)) {
      await authorizeSync(options, req, res);
      next();
      return;
    }
    await refuseWrite(options.auditor, req);
  });
  return router;
}

async function refuseWrite(auditor: AuditorService, req: Request) {
  const error = new NotAllowedError(
    'The portal does not change Argo CD applications or projects: change them in Git, Argo CD applies them',
  );
  const event = await auditor.createEvent({
    eventId: 'write-refused',
    severityLevel: 'medium',
    request: req,
    meta: { method: req.method, path: req.path },
  });
  await event.fail({ error });
  throw error;
}

/** Throws unless the caller may sync what the request would sync. */
async function authorizeSync(
  options: ArgoCdGuardOptions,
  req: Request,
  res: Response,
) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const event = await options.auditor.createEvent({
    eventId: 'application-sync',
    severityLevel: 'medium',
    request: req,
    meta: { selector: String(body.appSelector ?? '') },
  });
  try {
    // The plugin reads the flag with Boolean(): "false" would terminate too.
    if (Boolean(body.terminateOperation)) {
      throw new NotAllowedError(
        'The portal does not terminate Argo CD operations',
      );
    }
    const selector = body.appSelector;
    if (typeof selector !== 'string') {
      throw new InputError('appSelector must be a label selector string');
    }
    parseSelector(selector);
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const targets = await options.targets.find(selector);
    await checkTargets(options.permissions, credentials, selector, targets);
    const applications = targets.map(t => ({
      instance: t.instance,
      application: t.application,
      entityRefs: t.entityRefs,
    }));
    res.on('finish', () => {
      const meta = { applications, status: res.statusCode };
      void (res.statusCode < 400
        ? event.success({ meta })
        : event.fail({ meta, error: new Error(`Answered ${res.statusCode}`) }));
    });
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}

async function checkTargets(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  selector: string,
  targets: SyncTarget[],
) {
  if (targets.length === 0) {
    throw new NotFoundError(
      `No Argo CD application matches the selector ${selector}`,
    );
  }
  const orphan = targets.find(t => t.entityRefs.length === 0);
  if (orphan) {
    throw new NotAllowedError(
      `Argo CD application ${orphan.application} (${orphan.instance}) belongs to no catalog entity, so nobody may sync it through the portal`,
    );
  }
  const refs = [...new Set(targets.flatMap(t => t.entityRefs))];
  const decisions = await permissions.authorize(
    refs.map(resourceRef => ({
      permission: argocdApplicationSyncPermission,
      resourceRef,
    })),
    { credentials },
  );
  const denied = refs.filter(
    (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
  );
  if (denied.length > 0) {
    throw new NotAllowedError(
      `Only the owners of ${denied.join(
        ', ',
      )} and platform admins may sync its Argo CD applications`,
    );
  }
}
