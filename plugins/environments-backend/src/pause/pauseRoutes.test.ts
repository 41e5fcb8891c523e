/*
 * Pause and resume through the routes, with the plugin's real store: the
 * permission framework decides (answered as the portal's policy does: an
 * environment's owner group and platform admins), one run at a time.
 */
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { environmentPausePermission } from '@internal/plugin-environments-common';
import { USERS } from '@internal/plugin-environments-node/testUtils';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { DatabaseEnvironmentStore } from '../database/DatabaseEnvironmentStore';
import { EnvironmentPauser } from './EnvironmentPauser';
import type { NodeGroupScaler } from './NodeGroupScaler';
import { addPauseRoutes } from './pauseRoutes';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const OWNER = 'user:default/minsu.park';
const OTHER = 'user:default/sora.lee';
const NOW = new Date('2026-12-31T23:30:00Z');

describe('pause and resume routes', () => {
  let app: express.Express;
  let store: DatabaseEnvironmentStore;
  let scaled: Array<0 | 1>;
  let release: (result: string) => void;
  let pauser: EnvironmentPauser;
  let done: Promise<void>[];

  beforeEach(async () => {
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseEnvironmentStore.create(
      mockServices.database.mock({ getClient: async () => knex }),
    );
    scaled = [];
    const scaler: NodeGroupScaler = {
      async scale(_name, scale, onBuild) {
        scaled.push(scale);
        await onBuild({ number: 7, url: 'http://jenkins/job/env/7/' });
        const result = await new Promise<string>(r => {
          release = r;
        });
        return { result, gitCommit: 'abcdef1' };
      },
    };
    const permissions: PermissionsService = {
      async authorize(requests, { credentials }) {
        const user = (
          credentials as BackstageCredentials<{ userEntityRef: string }>
        ).principal.userEntityRef;
        return requests.map(r => ({
          result:
            r.permission.name === environmentPausePermission.name &&
            (USERS[user] ?? []).includes('group:default/developers')
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        }));
      },
      async authorizeConditional() {
        throw new Error('not used');
      },
    };
    pauser = new EnvironmentPauser({
      service: {
        nameOf: n => n,
        async findEnvironment(name) {
          if (name !== 'dev-a') throw new NotFoundError(`no ${name}`);
          return {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: { name },
            spec: {
              type: 'kubernetes-cluster',
              owner: 'group:default/developers',
            },
          };
        },
      },
      permissions,
      store,
      scaler,
      logger: mockServices.logger.mock(),
      now: () => NOW,
    });
    done = [];
    const start = pauser.start.bind(pauser);
    const router = Router();
    addPauseRoutes(router, {
      pauser: {
        async start(...args) {
          const started = await start(...args);
          done.push(started.done);
          return started;
        },
      },
      httpAuth: mockServices.httpAuth(),
    });
    app = express().use(express.json()).use(router).use(mockErrorHandler());
    // dev-a is ready.
    const run = await store.startRun({
      environment: 'dev-a',
      operation: 'create',
      requestedBy: OWNER,
      requestedAt: NOW,
      state: 'provisioning',
    });
    await store.finishRun(run.id, {
      result: 'SUCCESS',
      finishedAt: NOW,
      by: OWNER,
      state: 'ready',
    });
  });

  const post = (action: string, user = OWNER) =>
    request(app)
      .post(`/environments/dev-a/${action}`)
      .set('Authorization', mockCredentials.user.header(user));

  it('pauses (node groups to zero) and resumes (back) for the owner', async () => {
    const res = await post('pause');
    expect(res.status).toBe(202);
    expect((await store.get('dev-a')).state).toBe('updating');
    release('SUCCESS');
    await Promise.all(done);
    const paused = await store.get('dev-a');
    expect(paused.state).toBe('paused');
    expect(paused.runs[0]).toMatchObject({
      operation: 'pause',
      result: 'SUCCESS',
      build: { number: 7 },
      gitCommit: 'abcdef1',
    });

    expect((await post('resume')).status).toBe(202);
    release('SUCCESS');
    await Promise.all(done);
    expect((await store.get('dev-a')).state).toBe('ready');
    expect(scaled).toEqual([0, 1]);
  });

  it('refuses a developer who is not in the owner group; nothing is run', async () => {
    const res = await post('pause', OTHER);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('may not pause');
    expect(scaled).toEqual([]);
    expect((await store.get('dev-a')).runs).toHaveLength(1);
  });

  it('runs one pause when two are clicked at the same moment', async () => {
    const [a, b] = await Promise.all([post('pause'), post('pause')]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    expect(scaled).toEqual([0]);
    release('SUCCESS');
    await Promise.all(done);
    const runs = (await store.get('dev-a')).runs;
    expect(runs.filter(r => r.operation === 'pause')).toHaveLength(1);
  });

  it('refuses to resume a ready environment and to pause a paused one', async () => {
    expect((await post('resume')).status).toBe(409);
    await post('pause');
    release('SUCCESS');
    await Promise.all(done);
    expect((await post('pause')).status).toBe(409);
    expect(scaled).toEqual([0]);
  });

  it('leaves the environment failed when the build fails', async () => {
    await post('pause');
    release('FAILURE');
    await Promise.all(done);
    expect((await store.get('dev-a')).state).toBe('failed');
  });

  it('answers 404 for an unknown environment', async () => {
    expect(
      (
        await request(app)
          .post('/environments/nope/pause')
          .set('Authorization', mockCredentials.user.header(OWNER))
      ).status,
    ).toBe(404);
  });
});
