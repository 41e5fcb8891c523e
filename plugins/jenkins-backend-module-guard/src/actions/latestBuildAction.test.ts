// Tests only: the sandbox's Jenkins stand-in and hostile inputs.
/* eslint-disable @backstage/no-mixed-plugin-imports */
/*
 * get-latest-build as the portal runs it: the Jenkins plugin with this
 * module, invoked through the plugin's actions endpoint (as the MCP actions
 * backend does), against the Jenkins stand-in's example history.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import jenkinsPlugin from '@backstage-community/plugin-jenkins-backend';
import { hostileCases } from '@internal/sandbox';
import {
  JENKINS_API_TOKEN,
  JENKINS_USER,
  jenkinsStandIn,
} from '@internal/sandbox/jenkins';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import jenkinsGuard from '../index';
import { logTail } from './latestBuildAction';

const MINSU = 'user:default/minsu.park';
const ADMIN = 'user:default/jiyoung.kim';

const component = (name: string, job?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: job ? { 'jenkins.io/job-full-name': job } : {},
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'developers' },
});

/** secret-service is visible to platform admins only (as a permission policy would). */
const ENTITIES: Record<string, Entity> = {
  'component:default/shop-backend': component(
    'shop-backend',
    'shop/shop-backend',
  ),
  'component:default/shop-web': component('shop-web', 'shop/shop-web'),
  'component:default/no-ci': component('no-ci'),
  'component:default/secret-service': component(
    'secret-service',
    'shop/shop-backend',
  ),
};

/** The portal's own actions config (which plugins' actions, which excluded). */
const PORTAL_ACTIONS = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../app-config.yaml'),
    'utf8',
  ),
).backend.actions;

describe('get-latest-build', () => {
  let jenkins: Server;
  let backend: any;

  beforeAll(async () => {
    jenkins = await jenkinsStandIn({ lineDelayMs: 1 }).start({
      host: '127.0.0.1',
      port: 0,
      url: 'http://127.0.0.1:0',
    });
    const port = (jenkins.address() as AddressInfo).port;
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async (ref, options) => {
        const key = (
          typeof ref === 'string' ? ref : stringifyEntityRef(ref)
        ).toLowerCase();
        const user = (
          (options as { credentials: BackstageCredentials }).credentials
            .principal as { userEntityRef?: string }
        ).userEntityRef;
        if (key.endsWith('/secret-service') && user !== ADMIN) return undefined;
        return ENTITIES[key];
      },
    });
    ({ server: backend } = await startTestBackend({
      features: [
        jenkinsPlugin,
        jenkinsGuard,
        catalog.factory,
        mockServices.rootConfig.factory({
          data: {
            backend: { actions: PORTAL_ACTIONS },
            jenkins: {
              baseUrl: `http://127.0.0.1:${port}`,
              username: JENKINS_USER,
              apiKey: JENKINS_API_TOKEN,
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => new Promise<void>(r => jenkins.close(() => r())));

  const invoke = (input: Record<string, unknown>, user = MINSU) =>
    request(backend)
      .post(
        '/api/jenkins/.backstage/actions/v1/actions/jenkins:get-latest-build/invoke',
      )
      .set('Authorization', mockCredentials.user.header(user))
      .send(input);

  it('is the only Jenkins action the portal offers, listed as read-only for a model', async () => {
    const res = await request(backend)
      .get('/api/jenkins/.backstage/actions/v1/actions')
      .set('Authorization', mockCredentials.user.header(MINSU));
    expect(res.status).toBe(200);
    expect(res.body.actions).toHaveLength(1);
    const [action] = res.body.actions;
    expect(action).toMatchObject({
      id: 'jenkins:get-latest-build',
      attributes: { readOnly: true, destructive: false, idempotent: true },
    });
    expect(action.description).toMatch(/console log/);
  });

  it("does not offer the plugin's own trigger-build, which reruns any job named in its input", async () => {
    const res = await request(backend)
      .post(
        '/api/jenkins/.backstage/actions/v1/actions/jenkins:trigger-build/invoke',
      )
      .set('Authorization', mockCredentials.user.header(ADMIN))
      .send({
        name: 'shop-web',
        jobFullName: 'shop/shop-backend',
        buildNumber: 55,
      });
    expect(res.status).toBe(404);
    const logs = await request(backend)
      .post(
        '/api/jenkins/.backstage/actions/v1/actions/jenkins:get-build-logs/invoke',
      )
      .set('Authorization', mockCredentials.user.header(MINSU))
      .send({
        name: 'shop-web',
        jobFullName: 'platform/environment',
        buildNumber: 1,
      });
    expect(logs.status).toBe(404);
  });

  it("gives shop-backend's latest build, failed in its tests, with the end of the log", async () => {
    const res = await invoke({ service: 'shop-backend' });
    expect(res.status).toBe(200);
    const { output } = res.body;
    expect(output).toMatchObject({
      service: 'component:default/shop-backend',
      job: 'shop/shop-backend',
      build: {
        number: 56,
        result: 'FAILURE',
        status: 'FAILURE',
        durationSeconds: 148,
      },
    });
    expect(output.build.url).toMatch(/\/job\/shop\/job\/shop-backend\/56\/$/);
    expect(Date.parse(output.build.startedAt)).not.toBeNaN();
    expect(output.build.log.lines.length).toBeLessThanOrEqual(50);
    expect(output.build.log.lines.join('\n')).toContain(
      'FAIL tests/test_health.py::test_healthz_reports_the_database',
    );
    expect(output.build.log.lines.at(-1)).toMatch(/Finished: FAILURE/);
  });

  it('returns as many log lines as asked', async () => {
    const res = await invoke({
      service: 'component:default/shop-backend',
      logLines: 3,
    });
    expect(res.body.output.build.log).toMatchObject({ truncated: true });
    expect(res.body.output.build.log.lines).toHaveLength(3);
  });

  it('is not found for a service the caller may not see, or one without a job', async () => {
    const hidden = await invoke({ service: 'secret-service' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.name).toBe('NotFoundError');
    expect((await invoke({ service: 'secret-service' }, ADMIN)).status).toBe(
      200,
    );
    const noCi = await invoke({ service: 'no-ci' });
    expect(noCi.status).toBe(404);
    expect(noCi.body.error.message).toMatch(/names no Jenkins job/);
  });

  it.each(hostileCases())(
    'refuses a hostile service name (%s)',
    async (_label, value) => {
      const res = await invoke({ service: value });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
    },
  );
});

describe('logTail', () => {
  it('keeps the last lines of a log', () => {
    expect(logTail('a\nb\nc\n', 2)).toEqual({
      lines: ['b', 'c'],
      totalLines: 3,
      truncated: true,
    });
    expect(logTail('a\r\nb', 5)).toEqual({
      lines: ['a', 'b'],
      totalLines: 2,
      truncated: false,
    });
    expect(logTail('', 5)).toEqual({
      lines: [],
      totalLines: 0,
      truncated: false,
    });
    expect(logTail('a\nb', 0)).toEqual({
      lines: [],
      totalLines: 2,
      truncated: true,
    });
  });
});
