import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { EnvironmentRow } from '@internal/plugin-services-common';
import { registerEnvironmentDeploymentsAction } from './environmentDeploymentsAction';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

const row = (
  environment: string,
  argo: EnvironmentRow['argo'],
): EnvironmentRow =>
  ({
    environment,
    argo,
    version: '2.3.0',
    cost: { state: 'none' },
    pods: { state: 'absent' },
  } as EnvironmentRow);

describe('get-environment-deployments', () => {
  const credentials = mockCredentials.user('user:default/minsu.park');

  function setUp() {
    const actions = actionsRegistryServiceMock();
    const getEntities = jest.fn(async () => ({
      items: [
        component('shop-backend', { 'argocd/app-name': 'shop-backend' }),
        component('shop-web', { 'backstage.io/kubernetes-id': 'shop-web' }),
        component('docs', {}),
      ],
    }));
    const getDeployments = jest.fn(
      async (entityRef: string, o: { environment?: string }) => ({
        entityRef,
        rows:
          entityRef === 'component:default/shop-backend'
            ? [
                row(o.environment!, {
                  state: 'found',
                  sync: 'Synced',
                  health: 'Degraded',
                  notCompared: false,
                  uiUrl: 'http://argo/applications/shop-backend',
                  revisions: ['0dbc954a'],
                }),
              ]
            : [row(o.environment!, { state: 'absent' })],
      }),
    );
    registerEnvironmentDeploymentsAction({
      actionsRegistry: actions,
      deployments: { getDeployments },
      catalog: { getEntities } as never,
    });
    return { actions, getEntities, getDeployments };
  }

  it('lists the services deployed in the environment, read as the caller', async () => {
    const { actions, getEntities, getDeployments } = setUp();
    const { output } = await actions.invoke({
      id: 'test:get-environment-deployments',
      input: { environment: 'dev-a' },
      credentials,
    });
    expect(getEntities).toHaveBeenCalledWith(expect.anything(), {
      credentials,
    });
    // docs has neither an Argo CD nor a Kubernetes annotation: not asked.
    expect(getDeployments.mock.calls.map(c => c[0])).toEqual([
      'component:default/shop-backend',
      'component:default/shop-web',
    ]);
    expect(getDeployments).toHaveBeenCalledWith(
      'component:default/shop-backend',
      {
        credentials,
        environment: 'dev-a',
      },
    );
    // shop-web is not in dev-a (absent from Argo CD, no pods).
    expect(output).toMatchObject({
      environment: 'dev-a',
      services: [
        {
          service: 'component:default/shop-backend',
          deployment: {
            environment: 'dev-a',
            argocd: { state: 'found', sync: 'Synced', health: 'Degraded' },
          },
        },
      ],
    });
    expect((output as { services: unknown[] }).services).toHaveLength(1);
  });

  it.each(['../prod', 'dev a', 'DEV-A/..', ''])(
    'refuses the environment %j before reading anything',
    async environment => {
      const { actions, getEntities } = setUp();
      await expect(
        actions.invoke({
          id: 'test:get-environment-deployments',
          input: { environment },
          credentials,
        }),
      ).rejects.toThrow();
      expect(getEntities).not.toHaveBeenCalled();
    },
  );
});
