import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ENVIRONMENT_OPERATIONS,
  ENVIRONMENT_STATES,
  environmentRunRecordPermission,
} from '@internal/plugin-environments-common';
import { nameProblems } from '@internal/plugin-environments-node';
import type express from 'express';
import type { Router } from 'express';
import { z } from 'zod';
import type { EnvironmentStore } from '../database/EnvironmentStore';

const ref = z.string().min(1).max(255);
const startBody = z.object({
  operation: z.enum(ENVIRONMENT_OPERATIONS),
  requestedBy: ref,
  state: z.enum(ENVIRONMENT_STATES).optional(),
  gitCommit: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/)
    .optional(),
});
const buildBody = z.object({
  number: z.number().int().min(1),
  url: z.string().url().max(2000),
});
const finishBody = z.object({
  result: z.enum(['SUCCESS', 'FAILURE', 'UNSTABLE', 'ABORTED', 'NOT_BUILT']),
  state: z.enum(ENVIRONMENT_STATES).optional(),
  by: ref,
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new InputError(parsed.error.message);
  return parsed.data;
}

/** A run id of a path: a positive integer, else an InputError. */
export function runId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1)
    throw new InputError(`${JSON.stringify(value)} is not a run id`);
  return id;
}

/**
 * Routes that record pipeline runs (HttpEnvironmentRunRecorder of
 * environments-node calls them): service tokens only, each call through the
 * permission framework (environment.run.record). Times are this plugin's
 * clock.
 */
export function addRunRoutes(
  router: Router,
  options: {
    store: Pick<EnvironmentStore, 'startRun' | 'setBuild' | 'finishRun'>;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    now: () => Date;
  },
) {
  const { store, httpAuth, permissions, now } = options;
  const authorize = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const [decision] = await permissions.authorize(
      [{ permission: environmentRunRecordPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Only the portal records pipeline runs');
    }
  };

  router.post('/environments/:name/runs', async (req, res) => {
    await authorize(req);
    const problems = nameProblems(req.params.name);
    if (problems.length) throw new InputError(problems.join('; '));
    const body = parse(startBody, req.body);
    res.status(201).json(
      await store.startRun({
        ...body,
        environment: req.params.name,
        requestedAt: now(),
      }),
    );
  });

  router.post('/runs/:id/build', async (req, res) => {
    await authorize(req);
    await store.setBuild(runId(req.params.id), parse(buildBody, req.body));
    res.json({});
  });

  router.post('/runs/:id/finish', async (req, res) => {
    await authorize(req);
    await store.finishRun(runId(req.params.id), {
      ...parse(finishBody, req.body),
      finishedAt: now(),
    });
    res.json({});
  });
}
