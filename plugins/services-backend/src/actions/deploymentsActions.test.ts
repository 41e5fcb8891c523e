// Tests only: the sandbox's Argo CD and cluster fixtures and hostile inputs.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleInstances } from '@internal/sandbox/argocd';
import { hostileCases } from '@internal/sandbox';
import { exampleClusters } from '@internal/sandbox/kubernetes';
import { buildEnvironmentRows } from '@internal/plugin-services-common';
import { DefaultDeploymentsService } from '../DeploymentsService';
import { registerDeploymentsActions } from './deploymentsActions';

const NOW = new Date('2026-11-25T10:00:00Z');
const instances = exampleInstances({ now: () => NOW });
const clusters = exampleClusters({ now: () => NOW });
const MINSU = mockCredentials.user('user:default/minsu.park');

const service = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'argocd/app-name': name,
      'backstage.io/kubernetes-id': name,
    },
  },
  spec: { type: 'service', owner: 'group:default/developers' },
});

/** The workloads query's answer for `app`, as the Kubernetes backend gives it. */
const objectsOf = (app: string) => ({
  items: Object.entries(clusters).map(([name, store]) => ({
    cluster: { name },
    resources: [
      {
        type: 'pods',
        resources: (store.get('/v1/pods') ?? []).filter(
          p => p.metadata.labels?.['backstage.io/kubernetes-id'] === app,
        ),
      },
    ],
    podMetrics: [],
    errors: [],
  })),
});

/** Who called which plugin, with which token. */
const calls: { path: string; authorization?: string }[] = [];

/** Stands in for the Argo CD and Kubernetes backend plugins' routes. */
const server = http.createServer((req, res) => {
  calls.push({ path: req.url!, authorization: req.headers.authorization });
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  /** An error as Backstage's error middleware answers it. */
  const fail = (status: number, message: string) =>
    send(status, {
      error: { name: 'Error', message },
      response: { statusCode: status },
    });
  const argo = req.url!.match(
    /^\/api\/argocd\/argoInstance\/([^/]+)\/applications\/name\/([^/?]+)$/,
  );
  if (argo) {
    const [, instance, app] = argo.map(decodeURIComponent);
    if (instance === 'down') {
      fail(500, 'connect ECONNREFUSED');
      return;
    }
    const found = instances[instance]?.applications.find(
      a => a.metadata.name === app,
    );
    // What the Argo CD backend plugin answers for an app Argo CD lacks.
    if (!found) fail(500, 'Request failed with 404');
    else send(200, found);
    return;
  }
  if (req.url === '/api/kubernetes/resources/workloads/query') {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const { entityRef } = JSON.parse(body);
      send(200, objectsOf(entityRef.split('/')[1]));
    });
    return;
  }
  fail(404, `No route ${req.url}`);
});

const config = (names: string[]) =>
  new ConfigReader({
    argocd: {
      appLocatorMethods: [
        {
          type: 'config',
          instances: names.map(name => ({
            name,
            url: `http://argo.example.com/${name}`,
          })),
        },
      ],
    },
  });

describe('get-deployments', () => {
  const actions = actionsRegistryServiceMock();
  let base: string;
  const hidden = service('secret-service');

  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const catalog = catalogServiceMock.mock({
      // The permission policy hides secret-service from minsu.park.
      getEntityByRef: async (ref, options) => {
        const name = String(ref).split('/')[1];
        if (name === 'shop-backend') return service(name);
        if (name === hidden.metadata.name) {
          const principal = (options as { credentials: BackstageCredentials })
            .credentials.principal as {
            userEntityRef?: string;
          };
          return principal.userEntityRef === 'user:default/jiyoung.kim'
            ? hidden
            : undefined;
        }
        return undefined;
      },
    });
    registerDeploymentsActions({
      actionsRegistry: actions,
      deployments: new DefaultDeploymentsService({
        catalog,
        auth: mockServices.auth(),
        discovery: {
          getBaseUrl: async id => `${base}/${id}`,
          getExternalBaseUrl: async id => `${base}/${id}`,
        },
        config: config(['dev-a', 'prod', 'down']),
      }),
    });
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => calls.splice(0));

  const invoke = (input: Record<string, string>, credentials = MINSU) =>
    actions.invoke({ id: 'test:get-deployments', input, credentials });

  it('is read-only and described for a model', async () => {
    const { actions: listed } = await actions.list();
    expect(listed.map(a => a.name)).toEqual(['get-deployments']);
    expect(listed[0].attributes).toEqual({
      readOnly: true,
      destructive: false,
      idempotent: true,
    });
    expect(listed[0].description).toMatch(/CrashLoopBackOff/);
  });

  it("gives dev-a's Argo CD state, version and failing pods, as the card does", async () => {
    const { output } = await invoke({
      service: 'shop-backend',
      environment: 'dev-a',
    });
    expect(output).toMatchObject({
      service: 'component:default/shop-backend',
      environments: [
        {
          environment: 'dev-a',
          argocd: {
            state: 'found',
            sync: 'Synced',
            health: 'Degraded',
            url: 'http://argo.example.com/dev-a/applications/shop-backend',
          },
          version: '2.3.0',
          pods: { state: 'found' },
        },
      ],
    });
    const env = (output as any).environments[0];
    // The service's image, not Istio's proxy listed before it.
    expect(env.image).toMatch(/shop-backend:2\.3\.0$/);
    expect(env.argocd.revisions).toHaveLength(1);
    expect(env.pods.failing.map((p: { reason: string }) => p.reason)).toContain(
      'CrashLoopBackOff',
    );

    // The card's own builder on the same replies gives the same row.
    const [card] = buildEnvironmentRows(
      [
        {
          instance: 'dev-a',
          url: 'http://argo.example.com/dev-a',
          state: 'found',
          application: instances['dev-a'].applications[0] as any,
        },
      ],
      objectsOf('shop-backend') as any,
    ).filter(r => r.environment === 'dev-a');
    expect(env.version).toBe(card.version);
    expect(env.pods.failing).toEqual(
      card.pods.state === 'found' && card.pods.problems,
    );
  });

  it('calls Argo CD and Kubernetes with a token on behalf of the caller', async () => {
    await invoke({ service: 'component:default/shop-backend' });
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (const c of calls) {
      const token = c.authorization!.replace(/^Bearer /, '');
      const target = c.path.startsWith('/api/argocd') ? 'argocd' : 'kubernetes';
      expect(token).toBe(
        mockCredentials.service.token({
          onBehalfOf: MINSU,
          targetPluginId: target,
        }),
      );
    }
  });

  it('names an Argo CD that is down on its entry and still answers the rest', async () => {
    const { output } = await invoke({ service: 'shop-backend' });
    const byEnv = Object.fromEntries(
      (output as any).environments.map((e: any) => [e.environment, e]),
    );
    expect(byEnv.down.argocd).toEqual({
      state: 'error',
      error: 'connect ECONNREFUSED',
    });
    expect(byEnv.prod.argocd).toMatchObject({
      state: 'found',
      health: 'Healthy',
    });
  });

  it('is not found for a service the caller may not see, and found for one who may', async () => {
    await expect(invoke({ service: 'secret-service' })).rejects.toThrow(
      NotFoundError,
    );
    expect(calls).toEqual([]);
    const admin = mockCredentials.user('user:default/jiyoung.kim');
    await expect(
      invoke({ service: 'secret-service' }, admin),
    ).resolves.toBeDefined();
  });

  it.each(hostileCases())(
    'refuses a hostile service name (%s) before any call',
    async (_label, value) => {
      await expect(invoke({ service: value })).rejects.toThrow(InputError);
      await expect(
        invoke({ service: 'shop-backend', environment: value }),
      ).rejects.toThrow(InputError);
      expect(calls).toEqual([]);
    },
  );
});
