import type { AllocationSettings, ClusterHour, PodHour } from './types';

/**
 * A small cluster over 48 hours (2026-11-02 and 03), simple enough to price
 * by hand: 3 nodes (n3, a spot node, joins on the second day), 5 pods (pod c
 * moves from n2 to n3 at hour 36), two volumes and two Ingresses. Tests of the
 * allocation and of the Prometheus reader share it.
 */
export const FIXTURE_SETTINGS: AllocationSettings = {
  instancePrices: { 'm.big': 2, 'm.small': 1 },
  spotFactor: 0.5,
  cpuHourPrice: 1,
  memoryGibHourPrice: 1,
  rootVolumeGb: 0,
  sharedNamespaces: ['kube-system', 'monitoring'],
};

const GIB = 1024 ** 3;
const FIXTURE_START = Date.parse('2026-11-02T00:00:00Z') / 1000;

function pod(
  name: string,
  namespace: string,
  node: string,
  service: string | undefined,
  cpu: [number, number],
  memGib: [number, number],
  claims: string[] = [],
): PodHour {
  return {
    namespace,
    pod: name,
    node,
    service,
    cpuRequestCores: cpu[0],
    cpuUsageCores: cpu[1],
    memoryRequestBytes: memGib[0] * GIB,
    memoryUsageBytes: memGib[1] * GIB,
    claims,
  };
}

/** Hour i (0..47) of the fixture. */
export function fixtureHour(i: number): ClusterHour {
  const hour = new Date((FIXTURE_START + i * 3600) * 1000)
    .toISOString()
    .slice(0, 13);
  const node = (name: string, type: string, spot = false) => ({
    node: name,
    instanceType: type,
    capacityType: spot ? ('spot' as const) : ('on-demand' as const),
    cpuCores: 4,
    memoryBytes: 4 * GIB,
  });
  const nodes = [node('n1', 'm.big'), node('n2', 'm.small')];
  if (i >= 24) nodes.push(node('n3', 'm.big', true));
  const pods = [
    pod('a', 'shop', 'n1', 'shop-backend', [2, 1], [1, 2], ['data']),
    pod('b', 'shop', 'n1', 'shop-web', [1, 1], [1, 0.5]),
    pod('c', 'shop', i < 36 ? 'n2' : 'n3', 'shop-backend', [1, 0.5], [2, 1]),
    pod('d', 'kube-system', 'n2', undefined, [1, 0.2], [1, 0.5]),
    pod('e', 'shop', 'n2', 'shop-web', [0.5, 1.5], [0.5, 0.5]),
  ];
  const claims = [{ namespace: 'shop', claim: 'data', bytes: 100e9 }];
  if (i >= 24) claims.push({ namespace: 'shop', claim: 'cache', bytes: 100e9 });
  return {
    hour,
    nodes,
    pods,
    claims,
    ingresses: [
      { namespace: 'shop', ingress: 'shop', service: 'shop-web' },
      { namespace: 'monitoring', ingress: 'grafana' },
    ],
  };
}

/** The billed cluster cost of the two days. */
export const FIXTURE_BILLS = {
  '2026-11-02': {
    compute: 72,
    storage: 4.8,
    controlPlane: 2.4,
    loadBalancers: 1.2,
  },
  '2026-11-03': {
    compute: 100.01,
    storage: 4.8,
    controlPlane: 2.4,
    loadBalancers: 1.22,
  },
};
