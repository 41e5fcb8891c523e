import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { EnvironmentStore } from '../database/EnvironmentStore';
import type { EnvironmentReader } from './EnvironmentReader';
import type { ExpiryExtender } from './ExpiryExtender';
import { addRunRoutes } from './runRoutes';
import type { EnvironmentPauser } from '../pause/EnvironmentPauser';
import { addPauseRoutes } from '../pause/pauseRoutes';
import type { ClusterReader } from '../cluster/ClusterReader';
import type { RunLogReader } from '../runLog/RunLogReader';
import type { EstimateChecker } from '../estimate/EstimateChecker';
import { runId } from './runRoutes';

const extendBody = z.object({ days: z.number().int().min(1).max(90) });
const logQuery = z.object({
  start: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

/**
 * Routes under /api/environments: an environment's state and pipeline runs;
 * an owner (or admin) extends an environment's expiry from its catalog page.
 */
export async function createRouter(options: {
  extender: Pick<ExpiryExtender, 'extend'>;
  reader: Pick<EnvironmentReader, 'read'>;
  store: Pick<EnvironmentStore, 'startRun' | 'setBuild' | 'finishRun'>;
  /** Pause and resume; absent, those routes are not served. */
  pauser?: Pick<EnvironmentPauser, 'start'>;
  /** The declared cluster and its tools' links; absent, not served. */
  clusters?: Pick<ClusterReader, 'read'>;
  /** Runs' Jenkins console logs; absent, not served. */
  logs?: Pick<RunLogReader, 'read'>;
  /** The create-time estimate against the first days' bill; absent, not served. */
  estimates?: Pick<EstimateChecker, 'check'>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** The clock for recorded runs; tests set it. */
  now?: () => Date;
}): Promise<express.Router> {
  const { extender, reader, httpAuth } = options;
  const router = Router();
  router.use(express.json());

  // The permission framework decides (environment.read), in the reader.
  router.get('/environments/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await reader.read(req.params.name, credentials));
  });

  // The permission framework decides (environment.read), in the reader.
  router.get('/environments/:name/cluster', async (req, res) => {
    if (!options.clusters) throw new NotFoundError('No cluster reader');
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await options.clusters.read(req.params.name, credentials));
  });

  // The permission framework decides (environment.read), in the reader.
  router.get('/environments/:name/estimate', async (req, res) => {
    if (!options.estimates) throw new NotFoundError('No estimate checker');
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await options.estimates.check(req.params.name, credentials));
  });

  // The permission framework decides (environment.read), in the reader.
  router.get('/environments/:name/runs/:id/log', async (req, res) => {
    if (!options.logs) throw new NotFoundError('No run log reader');
    const query = logQuery.safeParse(req.query);
    if (!query.success) {
      throw new InputError(
        `Expected ?start= a byte offset (0 or more): ${query.error.message}`,
      );
    }
    const id = runId(req.params.id);
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await options.logs.read(
        req.params.name,
        id,
        query.data.start,
        credentials,
      ),
    );
  });

  // The permission framework decides (environment.expiry.extend), in the extender.
  router.post('/environments/:name/extend-expiry', async (req, res) => {
    const parsed = extendBody.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Expected { days: 1..90 } (at most the purpose's maximum): ${parsed.error.message}`,
      );
    }
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await extender.extend(req.params.name, parsed.data.days, credentials),
    );
  });

  if (options.pauser) {
    addPauseRoutes(router, { pauser: options.pauser, httpAuth });
  }

  addRunRoutes(router, { ...options, now: options.now ?? (() => new Date()) });

  return router;
}
