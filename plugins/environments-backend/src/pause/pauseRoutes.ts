import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { Router } from 'express';
import type { EnvironmentPauser, PauseAction } from './EnvironmentPauser';

/**
 * `POST /environments/:name/pause` and `/resume`: 202 with the run id once
 * the run is open; the pipeline goes on in the background and the
 * environment's history shows its end. The permission framework decides
 * (environment.pause), in the pauser.
 */
export function addPauseRoutes(
  router: Router,
  options: {
    pauser: Pick<EnvironmentPauser, 'start'>;
    httpAuth: HttpAuthService;
  },
) {
  const { pauser, httpAuth } = options;
  for (const action of ['pause', 'resume'] as PauseAction[]) {
    router.post(`/environments/:name/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const { name, runId } = await pauser.start(
        req.params.name,
        action,
        credentials,
      );
      res.status(202).json({ name, runId });
    });
  }
}
