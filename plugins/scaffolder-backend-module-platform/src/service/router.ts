import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EnvironmentService } from '../environment/EnvironmentService';

const extendBody = z.object({ days: z.number().int().min(1).max(90) });

/**
 * Routes under /api/scaffolder/platform: an owner (or admin) extends an
 * environment's expiry from its catalog page.
 */
export async function createRouter(options: {
  service: Pick<EnvironmentService, 'extendExpiry'>;
  httpAuth: HttpAuthService;
}): Promise<express.Router> {
  const { service, httpAuth } = options;
  const router = Router();
  router.use(express.json());

  router.post('/platform/environments/:name/extend-expiry', async (req, res) => {
    const parsed = extendBody.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(`Expected { days: 1..90 }: ${parsed.error.message}`);
    }
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await service.extendExpiry(req.params.name, parsed.data.days, credentials));
  });

  return router;
}
