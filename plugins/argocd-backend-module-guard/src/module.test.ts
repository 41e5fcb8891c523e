/*
 * The Argo CD plugin as the portal runs it: RoadieHQ's backend plugin with
 * the guard module in front, talking to the Argo CD stand-in, with the
 * portal's own permission policy deciding (catalog ownership evaluated on the
 * test's entities the way the catalog evaluates IS_ENTITY_OWNER).
 */
import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PlatformPermissionPolicy } from '@internal/plugin-permission-backend-module-platform-policy';
import { exampleInstances } from '@internal/sandbox/argocd';
import {
  ARGOCD_CREDENTIALS,
  createArgoCdServer,
} from '@internal/sandbox/argocd';
import { Recorder } from '@internal/sandbox';
import argocdPlugin from '@roadiehq/backstage-plugin-argo-cd-backend';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import argocdGuard from './index';

const MINSU = 'user:default/minsu.park'; // developers
const JIYOUNG = 'user:default/jiyoung.kim'; // platform-admins
const SORA = 'user:default/sora.lee'; // backend-team

const groups: Record<string, string[]> = {
  [MINSU]: [MINSU, 'group:default/developers'],
  [JIYOUNG]: [JIYOUNG, 'group:default/platform-admins'],
  [SORA]: [SORA, 'group:default/backend-team'],
};

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const entities = [
  component('shop-web', 'group:default/developers', {
    'argocd/app-selector': 'backstage.io/kubernetes-id=shop-web',
  }),
  component('shop-backend', 'group:default/backend-team', {
    'argocd/app-name': 'shop-backend',
  }),
];

const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const ref = (credentials as BackstageCredentials<any>).principal
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: groups[ref] ?? [] };
  },
};
const policy = new PlatformPermissionPolicy({ userInfo });

/** The permission framework: the portal's policy, conditions applied here. */
const permissions = mockServices.permissions.mock({
  async authorize(requests, { credentials }) {
    return Promise.all(
      requests.map(async r => {
        const decision: PolicyDecision = await policy.handle(
          { permission: r.permission },
          { credentials, info: {} } as any,
        );
        if (decision.result !== AuthorizeResult.CONDITIONAL) return decision;
        const entity = entities.find(
          e =>
            `component:default/${e.metadata.name}` === (r as any).resourceRef,
        );
        const params = (decision.conditions as any).params;
        const allowed =
          (decision.conditions as any).rule === 'IS_ENTITY_OWNER' &&
          entity !== undefined &&
          permissionRules.isEntityOwner.apply(entity, params);
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      }),
    );
  },
});

describe('Argo CD plugin behind the guard', () => {
  const recorder = new Recorder();
  const auditor = mockServices.auditor.mock();
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  let argocd: Server;
  let server: any;

  beforeAll(async () => {
    argocd = createArgoCdServer(exampleInstances(), ARGOCD_CREDENTIALS, {
      recorder,
    });
    await new Promise<void>(r => argocd.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(argocd.address() as AddressInfo).port}`;
    const instance = (name: string) => ({
      name,
      url: `${base}/${name}`,
      ...ARGOCD_CREDENTIALS[name],
    });
    ({ server } = await startTestBackend({
      features: [
        argocdPlugin,
        argocdGuard,
        permissions.factory,
        auditor.factory,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            argocd: {
              appLocatorMethods: [
                {
                  type: 'config',
                  instances: [instance('dev-a'), instance('prod')],
                },
              ],
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => new Promise<void>(r => argocd.close(() => r())));
  beforeEach(() => {
    recorder.requests.length = 0;
    auditor.createEvent.mockReset();
    auditor.createEvent.mockResolvedValue(auditEvent);
    auditEvent.success.mockReset();
    auditEvent.fail.mockReset();
  });

  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(user),
  });
  /** What reached Argo CD besides logins and reads. */
  const writesReached = () =>
    recorder.requests
      .filter(r => r.method !== 'GET' || /[?&]refresh=/.test(r.path))
      .map(r => `${r.method} ${r.path}`);
  const settle = () => new Promise(r => setImmediate(r));

  it('lets everyone signed in read', async () => {
    const res = await request(server)
      .get('/api/argocd/argoInstance/prod/applications/name/shop-backend')
      .set(as(MINSU));
    expect(res.status).toBe(200);
    expect(res.body.metadata.name).toBe('shop-backend');
    expect(writesReached()).toEqual([]);
  });

  it("refuses a developer's sync of another team's app, reaching nothing", async () => {
    const res = await request(server)
      .post('/api/argocd/sync')
      .set(as(MINSU))
      .send({ appSelector: 'backstage.io/kubernetes-id=shop-backend' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/component:default\/shop-backend/);
    expect(writesReached()).toEqual([]);
    expect(auditEvent.fail).toHaveBeenCalledTimes(1);
  });

  it('refuses a selector that also reaches an app the caller does not own', async () => {
    const res = await request(server)
      .post('/api/argocd/sync')
      .set(as(MINSU))
      .send({ appSelector: 'app.kubernetes.io/part-of=shop' });
    expect(res.status).toBe(403);
    expect(writesReached()).toEqual([]);
  });

  it('lets the owners sync their app in every environment, audited', async () => {
    const res = await request(server)
      .post('/api/argocd/sync')
      .set(as(MINSU))
      .send({ appSelector: 'backstage.io/kubernetes-id=shop-web' });
    expect(res.status).toBe(200);
    expect(res.body.flat().map((r: any) => r.status)).toEqual([
      'Success',
      'Success',
    ]);
    expect(writesReached().sort()).toEqual([
      'POST /dev-a/api/v1/applications/shop-web/sync',
      'POST /prod/api/v1/applications/shop-web/sync',
    ]);
    await settle();
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'application-sync',
        severityLevel: 'medium',
        meta: { selector: 'backstage.io/kubernetes-id=shop-web' },
        request: expect.objectContaining({ path: '/sync' }),
      }),
    );
    expect(auditEvent.success).toHaveBeenCalledWith({
      meta: {
        status: 200,
        applications: expect.arrayContaining([
          {
            instance: 'prod',
            application: 'shop-web',
            entityRefs: ['component:default/shop-web'],
          },
        ]),
      },
    });
  });

  it("lets a platform admin sync any team's app", async () => {
    const res = await request(server)
      .post('/api/argocd/sync')
      .set(as(JIYOUNG))
      .send({ appSelector: 'backstage.io/kubernetes-id=shop-backend' });
    expect(res.status).toBe(200);
    expect(writesReached().sort()).toEqual([
      'POST /dev-a/api/v1/applications/shop-backend/sync',
      'POST /prod/api/v1/applications/shop-backend/sync',
    ]);
  });

  it('refuses terminating operations along with a sync, even to owners', async () => {
    for (const flag of [true, 'false', 1]) {
      const res = await request(server)
        .post('/api/argocd/sync')
        .set(as(SORA))
        .send({
          appSelector: 'backstage.io/kubernetes-id=shop-backend',
          terminateOperation: flag,
        });
      expect(res.status).toBe(403);
    }
    expect(writesReached()).toEqual([]);
  });

  it('rejects a malformed selector before asking Argo CD anything', async () => {
    for (const appSelector of ['a=b&refresh=hard', '', 'x', 42, 'k in (a)']) {
      const res = await request(server)
        .post('/api/argocd/sync')
        .set(as(JIYOUNG))
        .send({ appSelector });
      expect(res.status).toBe(400);
    }
    expect(recorder.requests).toEqual([]);
  });

  it.each([
    [MINSU, 'developer'],
    [JIYOUNG, 'admin'],
  ])('refuses every other write to a %s (%s)', async user => {
    const body = {
      clusterName: 'prod',
      namespace: 'shop',
      projectName: 'shop',
      appName: 'shop-web',
      labelValue: 'shop-web',
      sourceRepo: 'https://github.com/acme/shop-manifests.git',
      sourcePath: 'apps/shop-web',
    };
    const writes = [
      request(server).delete(
        '/api/argocd/argoInstance/prod/applications/shop-web',
      ),
      request(server).delete(
        '/api/argocd/argoInstance/prod/applications/shop-web?terminateOperation=true',
      ),
      request(server).delete(
        '/api/argocd/argoInstance/prod/applications/shop-web/operation',
      ),
      request(server).post('/api/argocd/createArgo').send(body),
      request(server).put('/api/argocd/updateArgo/shop-web').send(body),
      // Routes a later plugin version might add.
      request(server).patch(
        '/api/argocd/argoInstance/prod/applications/shop-web',
      ),
      request(server).post(
        '/api/argocd/argoInstance/prod/applications/shop-web/refresh',
      ),
      request(server).post('/api/argocd/sync/extra'),
    ];
    for (const write of writes) {
      const res = await write.set(as(user));
      expect(res.status).toBe(403);
    }
    expect(writesReached()).toEqual([]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'write-refused',
        meta: {
          method: 'DELETE',
          path: '/argoInstance/prod/applications/shop-web',
        },
      }),
    );
    expect(auditEvent.fail).toHaveBeenCalledTimes(writes.length);
  });

  it('matches the sync route the way Express does', async () => {
    const res = await request(server)
      .post('/api/argocd/SYNC/')
      .set(as(MINSU))
      .send({ appSelector: 'backstage.io/kubernetes-id=shop-backend' });
    expect(res.status).toBe(403);
    expect(writesReached()).toEqual([]);
  });

  it('keeps reads from smuggling a refresh or another path into Argo CD', async () => {
    for (const path of [
      '/find/name/shop-web%3Frefresh%3Dhard',
      '/argoInstance/prod/applications/name/shop-web%3Frefresh%3Dnormal',
      '/argoInstance/prod/applications/shop-web%3Frefresh%3Dhard',
      '/argoInstance/prod/applications/name/shop-web?appNamespace=argocd%26refresh%3Dhard',
      '/argoInstance/prod/applications/name/..%2F..%2Fprojects%2Fshop',
      '/find/selector/a%3Db%26refresh%3Dhard',
      '/argoInstance/prod/applications/name/shop-web/revisions/x%3Frefresh%3Dhard/metadata',
    ]) {
      const res = await request(server)
        .get(`/api/argocd${path}`)
        .set(as(JIYOUNG));
      expect(res.status).toBe(400);
    }
    expect(recorder.requests).toEqual([]);
  });

  it('refuses a sync by a service token: syncing is a person acting', async () => {
    const res = await request(server)
      .post('/api/argocd/sync')
      .set('Authorization', mockCredentials.service.header())
      .send({ appSelector: 'backstage.io/kubernetes-id=shop-web' });
    expect(res.status).toBe(403);
    expect(writesReached()).toEqual([]);
  });
});
