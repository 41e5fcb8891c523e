import {
  AuthService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { AlertsManager } from './AlertsManager';
import { alertEventSchema } from './eventSchema';
import { JenkinsWebhook } from './JenkinsWebhook';

/** Catalog annotation linking a component to its Jenkins job. */
const JENKINS_JOB_ANNOTATION = 'jenkins.io/job-full-name';

/** Path of the Jenkins webhook, open without a Backstage token (HMAC-signed). */
export const JENKINS_WEBHOOK_PATH = '/webhooks/jenkins';

export async function createRouter(options: {
  manager: AlertsManager;
  webhook: JenkinsWebhook;
  httpAuth: HttpAuthService;
  auth: AuthService;
  catalog: CatalogService;
  logger: LoggerService;
}): Promise<express.Router> {
  const { manager, webhook, httpAuth, auth, catalog } = options;
  const router = Router();

  // Raise an event: backend plugins only (through alertsServiceRef).
  router.post('/events', express.json({ limit: '256kb' }), async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const parsed = alertEventSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(`Invalid alert event: ${parsed.error.message}`);
    }
    res.json(await manager.raise(parsed.data));
  });

  // Jenkins build results: the raw body is needed to check the signature.
  router.post(
    JENKINS_WEBHOOK_PATH,
    express.raw({ type: () => true, limit: '256kb' }),
    async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const build = await webhook.verify(req.headers, raw);
      let entityRef = build.entityRef;
      if (!entityRef) {
        const { items } = await catalog.getEntities(
          {
            filter: {
              [`metadata.annotations.${JENKINS_JOB_ANNOTATION}`]: build.job,
            },
            fields: ['kind', 'metadata.name', 'metadata.namespace'],
          },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        if (items[0]) {
          entityRef = `${items[0].kind}:${
            items[0].metadata.namespace ?? 'default'
          }/${items[0].metadata.name}`;
        }
      }
      const result = await manager.raise({
        type: 'pipeline.build',
        ...build,
        entityRef,
      });
      res.status(202).json(result);
    },
  );

  return router;
}
