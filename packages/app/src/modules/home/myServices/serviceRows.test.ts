import type { Entity } from '@backstage/catalog-model';
import type { UptimeRow } from '@internal/plugin-cost-uptime-common';
import { deploymentsOf, serviceRow, worstSlo } from './serviceRows';

const backend: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop-backend',
    annotations: { 'cost-uptime.io/service': 'shop-backend' },
  },
  spec: { type: 'service' },
};

const uptime = (
  environment: string,
  availability: number | null,
  key = 'shop-backend',
): UptimeRow => ({
  key,
  environment,
  availability,
  sloTarget: 0.995,
  errorBudgetRemaining: null,
  hours: 720,
  daily: [],
});

describe('home service rows', () => {
  it('lists the environments Argo CD has the app in, and the ones that failed', () => {
    expect(
      deploymentsOf([
        {
          instance: 'dev-a',
          url: 'http://argo-dev',
          state: 'found',
          application: {
            metadata: { name: 'shop-backend' },
            status: {
              health: { status: 'Degraded' },
              sync: { status: 'OutOfSync' },
            },
          },
        },
        { instance: 'staging', url: 'http://argo-stg', state: 'absent' },
        {
          instance: 'prod',
          url: 'http://argo-prod',
          state: 'error',
          message: 'connect ECONNREFUSED',
        },
      ]),
    ).toEqual([
      { environment: 'dev-a', health: 'Degraded', sync: 'OutOfSync' },
      { environment: 'prod', health: 'error', message: 'connect ECONNREFUSED' },
    ]);
  });

  it("takes the service's worst environment against its SLO, ignoring others and gaps", () => {
    const rows = [
      uptime('dev-a', 0.999),
      uptime('prod', 0.99),
      uptime('staging', null),
      uptime('prod', 0.5, 'shop-web'),
    ];
    expect(worstSlo(backend, rows)).toEqual({
      environment: 'prod',
      availability: 0.99,
      target: 0.995,
      met: false,
    });
    expect(worstSlo(backend, [uptime('dev-a', 0.9995)])?.met).toBe(true);
    expect(worstSlo(backend, [uptime('dev-a', null)])).toBeUndefined();
    const unannotated = { ...backend, metadata: { name: 'x' } };
    expect(worstSlo(unannotated, rows)).toBeUndefined();
  });

  it('builds one row with title, deployments, SLO and build', () => {
    const build = { number: 7, result: 'SUCCESS', url: 'http://j/7' };
    expect(serviceRow(backend, { argo: [], uptime: [], build })).toEqual({
      ref: 'component:default/shop-backend',
      name: 'shop-backend',
      title: 'shop-backend',
      deployments: [],
      slo: undefined,
      build,
    });
  });
});
