import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { loadWhatRunsHere } from './loadWhatRunsHere';

const config = new ConfigReader({
  argocd: {
    appLocatorMethods: [
      {
        type: 'config',
        instances: [
          { name: 'dev-a', url: 'http://argo-dev-a' },
          { name: 'prod', url: 'http://argo-prod' },
        ],
      },
    ],
  },
});
const discovery = {
  getBaseUrl: async (id: string) => `http://backend/api/${id}`,
};

const component = (name: string, appName?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    title: `Title of ${name}`,
    annotations: appName ? { 'argocd/app-name': appName } : {},
  },
  spec: {},
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** The Argo CD backend plugin's answers: an application, a 404, a server error. */
function argoBackend(urls: string[]) {
  return (async (url: string) => {
    urls.push(url);
    if (url.endsWith('/applications/name/shop-backend')) {
      return json({
        metadata: { name: 'shop-backend' },
        status: {
          sync: { status: 'OutOfSync', revision: 'abc1234' },
          health: { status: 'Degraded' },
        },
      });
    }
    if (url.endsWith('/applications/name/shop-web')) {
      return json(
        {
          error: { name: 'Error', message: 'Request failed with 404' },
          request: { method: 'GET', url },
          response: { statusCode: 404 },
        },
        404,
      );
    }
    return json(
      {
        error: { name: 'Error', message: 'connect ECONNREFUSED' },
        request: { method: 'GET', url },
        response: { statusCode: 500 },
      },
      500,
    );
  }) as typeof fetch;
}

describe('loadWhatRunsHere', () => {
  it("lists the services whose application the environment's Argo CD has, and the failures", async () => {
    const urls: string[] = [];
    const result = await loadWhatRunsHere({
      environment: 'dev-a',
      services: [
        component('shop-backend', 'shop-backend'),
        component('shop-web', 'shop-web'),
        component('payments', 'payments'),
        component('docs'),
      ],
      config,
      discovery,
      fetch: argoBackend(urls),
    });

    // Only dev-a's own Argo CD is asked, once per service with an app name.
    expect(urls).toEqual([
      'http://backend/api/argocd/argoInstance/dev-a/applications/name/shop-backend',
      'http://backend/api/argocd/argoInstance/dev-a/applications/name/shop-web',
      'http://backend/api/argocd/argoInstance/dev-a/applications/name/payments',
    ]);
    expect(result).toMatchObject({
      state: 'found',
      argoUrl: 'http://argo-dev-a',
    });
    const services = result.state === 'found' ? result.services : [];
    // shop-web is not deployed in dev-a (404): not listed.
    expect(services.map(s => [s.serviceRef, s.title, s.application])).toEqual([
      [
        'component:default/shop-backend',
        'Title of shop-backend',
        'shop-backend',
      ],
      ['component:default/payments', 'Title of payments', 'payments'],
    ]);
    expect(services[0].argo).toMatchObject({
      state: 'found',
      sync: 'OutOfSync',
      health: 'Degraded',
    });
    expect(services[1].argo).toEqual({
      state: 'error',
      message: 'connect ECONNREFUSED',
    });
  });

  it('says so when the environment has no Argo CD instance', async () => {
    const urls: string[] = [];
    expect(
      await loadWhatRunsHere({
        environment: 'staging',
        services: [component('shop-backend', 'shop-backend')],
        config,
        discovery,
        fetch: argoBackend(urls),
      }),
    ).toEqual({ state: 'no-argocd' });
    expect(urls).toEqual([]);
  });
});
