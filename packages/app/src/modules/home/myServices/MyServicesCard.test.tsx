import type { Entity } from '@backstage/catalog-model';
import { mockApis } from '@backstage/frontend-test-utils';
import { jenkinsApiRef } from '@backstage-community/plugin-jenkins';
import { costUptimeApiRef } from '@internal/plugin-cost-uptime';
import { screen, within } from '@testing-library/react';
import {
  invitationToCreate,
  renderHomeCard,
} from '../__testUtils__/renderHomeCard';
import { MyServicesCard } from './MyServicesCard';

const service = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: {
      'argocd/app-name': name,
      'cost-uptime.io/service': name,
      'jenkins.io/job-full-name': `shop/${name}`,
    },
  },
  spec: { type: 'service', owner: 'group:default/team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
});

const config = mockApis.config({
  data: {
    argocd: {
      appLocatorMethods: [
        {
          type: 'config',
          instances: [
            { name: 'dev-a', url: 'http://argo-dev' },
            { name: 'prod', url: 'http://argo-prod' },
          ],
        },
      ],
    },
  },
});

/** The Argo CD backend: shop-backend degraded in dev-a, prod unreachable. */
const fetchApi = {
  fetch: jest.fn(async (url: string) => {
    if (url.includes('/argoInstance/prod/')) {
      return new Response(
        JSON.stringify({ error: { name: 'Error', message: 'ECONNREFUSED' } }),
        { status: 500, headers: { 'content-type': 'application/json' } },
      );
    }
    return new Response(
      JSON.stringify({
        metadata: { name: 'shop-backend' },
        status: {
          health: { status: 'Degraded' },
          sync: { status: 'Synced' },
        },
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  }),
};

async function render(items: Entity[], costApi: object) {
  await renderHomeCard(<MyServicesCard />, {
    catalogApi: { getEntities: async () => ({ items }) },
    ownership: ['group:default/team-a'],
    config,
    fetch: fetchApi.fetch,
    apis: [
      [costUptimeApiRef, costApi as any],
      [
        jenkinsApiRef,
        {
          getProjects: async () => [
            {
              lastBuild: {
                number: 42,
                result: 'FAILURE',
                building: false,
                timestamp: Date.parse('2026-12-03T10:00:00Z'),
                url: 'http://jenkins/job/shop/job/shop-backend/42/',
              },
            },
          ],
        } as any,
      ],
    ],
  });
}

describe('MyServicesCard', () => {
  it("lists the user's services with health per environment, SLO and latest build", async () => {
    await render([service('shop-backend')], {
      getUptime: async () => ({
        days: 30,
        from: '2026-11-04',
        to: '2026-12-03',
        rows: [
          {
            key: 'shop-backend',
            environment: 'prod',
            availability: 0.991,
            sloTarget: 0.995,
            errorBudgetRemaining: -0.8,
            hours: 720,
            daily: [],
          },
        ],
      }),
    });
    const list = await screen.findByRole('list', { name: 'My services' });
    const item = within(list).getByRole('listitem', { name: 'shop-backend' });
    expect(item).toHaveTextContent('dev-a: Degraded');
    expect(item).toHaveTextContent('prod: unreachable');
    expect(within(item).getByTestId('home-service-slo')).toHaveTextContent(
      'SLO missed: 99.10% in prod (target 99.5%, 30 days)',
    );
    expect(within(item).getByTestId('home-service-build')).toHaveTextContent(
      'Build #42: FAILURE',
    );
  });

  it('keeps the services when availability cannot be read, and says so', async () => {
    await render([service('shop-backend')], {
      getUptime: async () => {
        throw new Error('Prometheus is down');
      },
    });
    expect(
      await screen.findByText('Availability unavailable: Prometheus is down'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('listitem', { name: 'shop-backend' }),
    ).toHaveTextContent('No availability data yet');
  });

  it('invites to create one when the user owns none', async () => {
    await render([], { getUptime: async () => ({ rows: [] }) });
    expect(await invitationToCreate(/You own no services yet/)).toHaveAttribute(
      'href',
      '/create/templates/default/new-service',
    );
  });
});
