/*
 * The extend-expiry route against a real IaC repository: the permission
 * framework decides (environment.expiry.extend on the environment's entity),
 * answered here as the portal's policy and the catalog answer it: platform
 * admins always, everyone else only on an entity their groups own.
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
import type { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  ENVIRONMENT_ANNOTATIONS,
  environmentExpiryExtendPermission,
} from '@internal/plugin-environments-common';
import {
  EnvironmentService,
  IacRepository,
  JenkinsClient,
} from '@internal/plugin-environments-node';
import {
  GOOD_REQUEST,
  USERS,
  createBareRepo,
  gitLog,
  platformConfig,
  repoCatalog,
  userInfo,
} from '@internal/plugin-environments-node/testUtils';
import express from 'express';
import fs from 'node:fs';
import request from 'supertest';
import { DatabaseEnvironmentStore } from '../database/DatabaseEnvironmentStore';
import { EnvironmentReader } from './EnvironmentReader';
import { ExpiryExtender } from './ExpiryExtender';
import { createRouter } from './router';

jest.setTimeout(30_000);

const DAY_MS = 24 * 3600 * 1000;
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('the environments routes', () => {
  let bare: string;
  let app: express.Express;
  let service: EnvironmentService;
  let asked: AuthorizePermissionRequest[];

  beforeEach(async () => {
    bare = createBareRepo();
    const config = platformConfig(bare, 'http://localhost:1');
    const repo = new IacRepository(config.iac);
    const catalog = repoCatalog(repo);
    service = new EnvironmentService({
      repo,
      jenkins: new JenkinsClient(config.jenkins),
      catalog: catalog.catalog,
      auth: mockServices.auth(),
      userInfo,
      config,
      logger: mockServices.logger.mock(),
    });
    asked = [];
    const owners = async (ref: string) =>
      (
        (await catalog.catalog.getEntityByRef(ref, {
          credentials: mockCredentials.service(),
        })) as Entity | undefined
      )?.spec?.owner;
    const permissions: PermissionsService = {
      async authorize(requests, { credentials }) {
        const user = (
          credentials as BackstageCredentials<{ userEntityRef: string }>
        ).principal.userEntityRef;
        const claims = USERS[user] ?? [];
        return Promise.all(
          requests.map(async r => {
            asked.push(r as AuthorizePermissionRequest);
            const owner = r.resourceRef
              ? await owners(r.resourceRef)
              : undefined;
            const allowed =
              r.permission.attributes.action === 'read' ||
              claims.includes('group:default/platform-admins') ||
              (!!owner && claims.includes(String(owner)));
            return {
              result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            };
          }),
        );
      },
      async authorizeConditional() {
        throw new Error('not used by the route');
      },
    };
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseEnvironmentStore.create(
      mockServices.database.mock({ getClient: async () => knex }),
    );
    const extender = new ExpiryExtender({
      service,
      permissions,
      store,
      auth: mockServices.auth(),
    });
    const reader = new EnvironmentReader({ service, permissions, store });
    const router = await createRouter({
      extender,
      reader,
      store,
      permissions,
      httpAuth: mockServices.httpAuth(),
    });
    app = express().use(router).use(mockErrorHandler());

    // dev-a of developers, dev-b of platform-admins, as the create template leaves them.
    for (const [name, owner] of [
      ['dev-a', 'group:default/developers'],
      ['dev-b', 'group:default/platform-admins'],
    ]) {
      await service.commitFiles(
        name,
        service.render({
          ...GOOD_REQUEST,
          name,
          owner,
          purpose: 'dev',
          expiresAt: new Date(Date.now() + DAY_MS).toISOString(),
        } as any),
        `Create environment ${name}`,
      );
    }
    await catalog.sync();
  });
  afterEach(() => fs.rmSync(bare, { recursive: true, force: true }));

  const extend = (name: string, user: string, body: unknown = { days: 10 }) =>
    request(app)
      .post(`/environments/${encodeURIComponent(name)}/extend-expiry`)
      .set('Authorization', mockCredentials.user.header(user))
      .send(body as object);

  const expiryInRepo = async (name: string) =>
    (await service.readFromRepo(name))?.metadata.annotations?.[
      ENVIRONMENT_ANNOTATIONS.expiresAt
    ];

  it('lets a member of the owner group extend, asking the permission framework', async () => {
    const res = await extend('dev-a', 'user:default/minsu.park');
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('dev-a');
    const days = (Date.parse(res.body.expiresAt) - Date.now()) / DAY_MS;
    expect(days).toBeGreaterThan(9.99);
    expect(days).toBeLessThanOrEqual(10);
    expect(await expiryInRepo('dev-a')).toBe(res.body.expiresAt);
    expect(asked).toEqual([
      {
        permission: environmentExpiryExtendPermission,
        resourceRef: 'resource:default/dev-a',
      },
    ]);
  });

  it('lets a platform admin extend an environment of another group', async () => {
    const res = await extend('dev-a', 'user:default/jiyoung.kim');
    expect(res.status).toBe(200);
    expect(await expiryInRepo('dev-a')).toBe(res.body.expiresAt);
  });

  it('refuses a developer outside the owner group, and changes nothing', async () => {
    const before = await expiryInRepo('dev-b');
    const commits = gitLog(bare).length;
    const res = await extend('dev-b', 'user:default/minsu.park');
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'user:default/minsu.park may not change environment dev-b: only its owner group:default/platform-admins and platform admins may',
    });
    expect(await expiryInRepo('dev-b')).toBe(before);
    expect(gitLog(bare)).toHaveLength(commits);
  });

  it('refuses bad input before asking anyone', async () => {
    expect(
      (await extend('dev-a', 'user:default/minsu.park', { days: 91 })).status,
    ).toBe(400);
    expect(
      (await extend('dev-a', 'user:default/minsu.park', { days: '7' })).status,
    ).toBe(400);
    expect((await extend('Dev_A;rm', 'user:default/minsu.park')).status).toBe(
      400,
    );
    expect((await extend('dev-z', 'user:default/minsu.park')).status).toBe(404);
    expect(asked).toEqual([]);
  });

  it("refuses more days than the purpose's maximum, with the reason, recording nothing", async () => {
    const before = await expiryInRepo('dev-a');
    const commits = gitLog(bare).length;
    const res = await extend('dev-a', 'user:default/minsu.park', { days: 45 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'dev environments live at most 30 days; asked for 45',
    });
    expect(asked).toEqual([]);
    expect(await expiryInRepo('dev-a')).toBe(before);
    expect(gitLog(bare)).toHaveLength(commits);
    // The maximum itself is allowed.
    expect(
      (await extend('dev-a', 'user:default/minsu.park', { days: 30 })).status,
    ).toBe(200);
  });

  it('shows state and runs: the catalog status before any run, then each extension with its commit', async () => {
    const get = () =>
      request(app)
        .get('/environments/dev-a')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/sora.lee'),
        );
    const before = await get();
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      name: 'dev-a',
      state: 'provisioning',
      runs: [],
    });

    const extended = await extend('dev-a', 'user:default/minsu.park');
    expect(extended.status).toBe(200);
    const after = await get();
    expect(after.body.runs).toEqual([
      {
        id: expect.any(Number),
        operation: 'extend',
        requestedBy: 'user:default/minsu.park',
        requestedAt: expect.any(String),
        result: 'SUCCESS',
        gitCommit: expect.stringMatching(/^[0-9a-f]{40}$/),
        finishedAt: expect.any(String),
      },
    ]);
    // The refused one is not a run.
    expect((await extend('dev-b', 'user:default/minsu.park')).status).toBe(403);
    expect(
      (
        await request(app)
          .get('/environments/dev-b')
          .set('Authorization', mockCredentials.user.header())
      ).body.runs,
    ).toEqual([]);
    expect(
      (
        await request(app)
          .get('/environments/dev-z')
          .set('Authorization', mockCredentials.user.header())
      ).status,
    ).toBe(404);
  });

  it('takes only user tokens: a service is refused before anything is asked', async () => {
    const res = await request(app)
      .post('/environments/dev-a/extend-expiry')
      .set('Authorization', mockCredentials.service.header())
      .send({ days: 3 });
    expect(res.status).toBe(403);
    expect(asked).toEqual([]);
  });
});
