/*
 * Recording pipeline runs through the plugin's API, as the scaffolder's
 * pipeline step does: HttpEnvironmentRunRecorder (environments-node) against
 * the real router on a local port, the store on SQLite.
 */
import { oneWinsOneRefused } from '@internal/backend-test-utils';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { HttpEnvironmentRunRecorder } from '@internal/plugin-environments-node';
import express from 'express';
import Router from 'express-promise-router';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DatabaseEnvironmentStore } from '../database/DatabaseEnvironmentStore';
import { addRunRoutes } from './runRoutes';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = new Date('2026-12-03T10:00:00.000Z');

describe('run routes', () => {
  let server: Server;
  let app: express.Express;
  let store: DatabaseEnvironmentStore;
  let recorder: HttpEnvironmentRunRecorder;
  let clock: Date;

  beforeEach(async () => {
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseEnvironmentStore.create(
      mockServices.database.mock({ getClient: async () => knex }),
    );
    clock = T0;
    const router = Router();
    router.use(express.json());
    addRunRoutes(router, {
      store,
      httpAuth: mockServices.httpAuth({ pluginId: 'environments' }),
      // The framework itself: service principals are allowed.
      permissions: mockServices.permissions(),
      now: () => clock,
    });
    app = express().use(router).use(mockErrorHandler());
    server = await new Promise<Server>(r => {
      const s = app.listen(0, '127.0.0.1', () => r(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    recorder = new HttpEnvironmentRunRecorder({
      discovery: {
        getBaseUrl: async () => base,
        getExternalBaseUrl: async () => base,
      },
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>(r => server.close(() => r()));
  });

  it('records a create run with its build and result, on the plugin clock', async () => {
    const { id } = await recorder.start('dev-a', {
      operation: 'create',
      requestedBy: 'user:default/minsu.park',
      state: 'provisioning',
      gitCommit: 'abcdef1',
    });
    await recorder.setBuild(id, {
      number: 3,
      url: 'http://jenkins.test/job/env/3/',
    });
    clock = new Date(T0.getTime() + 600_000);
    await recorder.finish(id, {
      result: 'SUCCESS',
      state: 'ready',
      by: 'user:default/minsu.park',
    });
    expect(await store.get('dev-a')).toEqual({
      state: 'ready',
      updatedAt: clock.toISOString(),
      runs: [
        {
          id,
          operation: 'create',
          requestedBy: 'user:default/minsu.park',
          requestedAt: T0.toISOString(),
          build: { number: 3, url: 'http://jenkins.test/job/env/3/' },
          result: 'SUCCESS',
          gitCommit: 'abcdef1',
          finishedAt: clock.toISOString(),
        },
      ],
    });
  });

  it('refuses a second run while one goes, as a ConflictError', async () => {
    const start = () =>
      recorder.start('dev-a', {
        operation: 'destroy',
        requestedBy: 'expiry',
        state: 'destroying',
      });
    const { reason } = await oneWinsOneRefused([start(), start()]);
    expect(reason).toBeInstanceOf(ConflictError);
    expect((await store.get('dev-a')).runs).toHaveLength(1);
  });

  it('takes service tokens only, and checks what it is given', async () => {
    const user = await request(app)
      .post('/environments/dev-a/runs')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/jiyoung.kim'),
      )
      .send({ operation: 'create', requestedBy: 'user:default/jiyoung.kim' });
    expect(user.status).toBe(403);
    const service = mockCredentials.service.header();
    for (const [path, body] of [
      [
        '/environments/Dev_A;rm/runs',
        { operation: 'create', requestedBy: 'x' },
      ],
      ['/environments/dev-a/runs', { operation: 'delete', requestedBy: 'x' }],
      [
        '/environments/dev-a/runs',
        { operation: 'create', requestedBy: 'x', gitCommit: '$(id)' },
      ],
      ['/runs/x/build', { number: 1, url: 'http://j/1/' }],
      ['/runs/1/build', { number: 1, url: 'not a url' }],
      ['/runs/1/finish', { result: 'GREAT', by: 'x' }],
    ] as const) {
      const res = await request(app)
        .post(path)
        .set('Authorization', service)
        .send(body);
      expect([path, res.status]).toEqual([path, 400]);
    }
    expect((await store.get('dev-a')).runs).toEqual([]);
  });
});
