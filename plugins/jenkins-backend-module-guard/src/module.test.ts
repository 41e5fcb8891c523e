/*
 * The Jenkins plugin as the portal runs it, with the guard in front, against a
 * recording Jenkins: a rerun reaches Jenkins only for a job the entity names
 * and a caller the permission framework allows.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import jenkinsPlugin from '@backstage-community/plugin-jenkins-backend';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import jenkinsGuard from './index';

const OWNER = 'user:default/minsu.park';
const OTHER = 'user:default/sora.lee';

const component = (name: string, job: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'jenkins.io/job-full-name': job },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'developers' },
});

describe('Jenkins plugin behind the guard', () => {
  const reached: string[] = [];
  const jenkins = http.createServer((req, res) => {
    reached.push(`${req.method} ${req.url}`);
    res.writeHead(201, { location: '/queue/item/7/' }).end();
  });
  const permissions = mockServices.permissions.mock({
    async authorize(requests, { credentials }) {
      const user = (credentials.principal as any).userEntityRef;
      return requests.map(r => ({
        result:
          user === OWNER &&
          (r as any).resourceRef === 'component:default/shop-web'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  });
  let server: any;

  beforeAll(async () => {
    await new Promise<void>(r => jenkins.listen(0, '127.0.0.1', () => r()));
    const port = (jenkins.address() as AddressInfo).port;
    ({ server } = await startTestBackend({
      features: [
        jenkinsPlugin,
        jenkinsGuard,
        permissions.factory,
        catalogServiceMock.factory({
          entities: [
            component('shop-web', 'shop/shop-web'),
            component('shop-backend', 'shop/shop-backend'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            jenkins: {
              baseUrl: `http://127.0.0.1:${port}`,
              username: 'portal',
              apiKey: 'token',
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => new Promise<void>(r => jenkins.close(() => r())));
  beforeEach(() => {
    reached.length = 0;
  });

  const rerun = (entity: string, job: string, user: string) =>
    request(server)
      .post(
        `/api/jenkins/v1/entity/default/component/${entity}/job/${encodeURIComponent(
          job,
        )}/12`,
      )
      .set('Authorization', mockCredentials.user.header(user));

  it("reruns an owner's build of the entity's own job", async () => {
    const res = await rerun('shop-web', 'shop/shop-web', OWNER);
    expect(res.status).toBe(200);
    expect(reached).toEqual(['POST /job/shop/job/shop-web/12/replay/rebuild']);
  });

  it("reruns a branch of the entity's multibranch job", async () => {
    const res = await rerun('shop-web', 'shop/shop-web/main', OWNER);
    expect(res.status).toBe(200);
    expect(reached).toEqual([
      'POST /job/shop/job/shop-web/job/main/12/replay/rebuild',
    ]);
  });

  it('refuses a rerun to someone who does not own the entity', async () => {
    const res = await rerun('shop-web', 'shop/shop-web', OTHER);
    expect(res.status).toBe(403);
    expect(reached).toEqual([]);
  });

  it("refuses an owner's rerun of another entity's job through their own entity", async () => {
    for (const job of [
      'shop/shop-backend',
      'shop/shop-web/../shop-backend',
      'shop/shop-web-2',
    ]) {
      const res = await rerun('shop-web', job, OWNER);
      expect(res.status).toBe(403);
    }
    expect(reached).toEqual([]);
  });

  it('refuses writes the portal does not offer', async () => {
    const res = await request(server)
      .post('/api/jenkins/v1/entity/default/component/shop-web/job/x')
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(res.status).toBe(403);
    expect(reached).toEqual([]);
  });
});
