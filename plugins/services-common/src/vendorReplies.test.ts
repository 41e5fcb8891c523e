// Tests only: the stand-ins' recorded vendor replies as fixtures.
/* eslint-disable @backstage/no-mixed-plugin-imports */
/*
 * The deployment picture from replies real Argo CD instances and clusters
 * give (the sandbox's vendor cases), not only the example shop's.
 */
import { exampleInstances } from '@internal/sandbox/argocd';
import {
  PINNED_DIGEST,
  vendorCaseApplications,
} from '@internal/sandbox/argocd';
import {
  KUBECTL_STATUS,
  vendorCasePods,
} from '@internal/sandbox/kubernetes';
import {
  ArgoApplication,
  buildEnvironmentRows,
  podProblem,
} from './environmentRows';
import { podStatus } from './podStatus';

const NOW = new Date('2026-11-25T10:00:00Z');
const cases = vendorCaseApplications({ now: () => NOW }).applications;
const byName = (name: string) =>
  cases.find(a => a.metadata.name === name)! as unknown as ArgoApplication;

const row = (application: ArgoApplication, appNamespace?: string) =>
  buildEnvironmentRows(
    [
      {
        instance: 'dev-a',
        url: 'http://argo/dev-a',
        state: 'found',
        application,
        appNamespace,
      },
    ],
    { items: [] },
  )[0];

describe('Argo CD replies', () => {
  it("shows the service's version, not the mesh proxy's", () => {
    expect(row(byName('payments')).version).toBe('3.1.0');
    expect(row(byName('search')).version).toBe('0.9.4');
    const shop = exampleInstances({ now: () => NOW })['dev-a'].applications[0];
    expect(shop.status.summary.images[0]).toMatch(/istio\/proxyv2/);
    expect(row(shop as unknown as ArgoApplication).version).toBe('2.3.0');
  });

  it('shows the short digest of an image pinned by digest only', () => {
    expect(row(byName('checkout')).version).toBe(
      `sha256:${PINNED_DIGEST.slice(7, 19)}`,
    );
  });

  it('shows a just-created app as Unknown and pending, not blank', () => {
    const argo = row(byName('reviews')).argo;
    expect(argo).toMatchObject({
      state: 'found',
      sync: 'Unknown',
      health: 'Missing',
    });
    expect(argo.state === 'found' && argo.notCompared).toBe(true);
  });

  it("links an app of another namespace to its namespace's page", () => {
    const argo = row(byName('ledger'), 'team-payments').argo;
    expect(argo.state === 'found' && argo.uiUrl).toBe(
      'http://argo/dev-a/applications/team-payments/ledger',
    );
  });
});

describe('pod states', () => {
  it.each(Object.entries(KUBECTL_STATUS))(
    'names %s %s, as kubectl does',
    (name, status) => {
      const pod = vendorCasePods({ now: () => NOW }).find(
        p => p.metadata.name === name,
      )!;
      expect(podStatus(pod)).toBe(status);
    },
  );

  it('reports init failures, OOM kills and evictions as problems, with detail', () => {
    const pods = vendorCasePods({ now: () => NOW });
    const problems = Object.fromEntries(
      pods.flatMap(p => {
        const problem = podProblem(p);
        return problem ? [[problem.pod, problem]] : [];
      }),
    );
    expect(Object.keys(problems).sort()).toEqual([
      'orders-crashloop-oom',
      'orders-evicted',
      'orders-init-crash',
      'orders-init-error',
      'orders-oom',
    ]);
    expect(problems['orders-init-crash']).toEqual({
      pod: 'orders-init-crash',
      reason: 'Init:CrashLoopBackOff',
      detail: '7 restarts',
    });
    expect(problems['orders-init-error'].detail).toBe('exit code 2');
    expect(problems['orders-oom'].detail).toBe('exit code 137');
    expect(problems['orders-crashloop-oom'].detail).toBe(
      '5 restarts, last OOMKilled',
    );
    expect(problems['orders-evicted'].detail).toMatch(
      /low on resource: memory/,
    );
  });

  it("counts the service's version of a meshed pod, not its proxy's", () => {
    const meshed = vendorCasePods({ now: () => NOW }).find(
      p => p.metadata.name === 'orders-meshed',
    )!;
    const rows = buildEnvironmentRows([], {
      items: [
        {
          cluster: { name: 'dev-a' },
          resources: [{ type: 'pods', resources: [meshed as any] }],
          podMetrics: [],
          errors: [],
        },
      ],
    });
    expect(rows[0].pods).toMatchObject({
      versions: ['5.0.1'],
      ready: 1,
      problems: [],
    });
  });
});
