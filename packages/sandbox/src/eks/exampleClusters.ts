/**
 * The example EKS clusters (dev-a, staging, prod), hour by hour: worker
 * nodes (instance type, spot or on-demand), the pods of the example
 * services and of the platform's system namespaces, their requests and
 * usage, volumes and Ingresses. The example Prometheus servers
 * (scripts/prometheus/example.mjs) publish it as kube-state-metrics and
 * cAdvisor series, and the Cost Explorer stand-in bills its node-hours, so
 * the cluster's metrics and the bill describe the same machines.
 */

const GIB = 1024 ** 3;

/** ap-northeast-2 on-demand USD per hour, vCPUs and memory of the types used. */
export const INSTANCE_TYPES: Record<
  string,
  { usdPerHour: number; cpu: number; memoryGib: number }
> = {
  'm6i.large': { usdPerHour: 0.147, cpu: 2, memoryGib: 8 },
  'm6i.xlarge': { usdPerHour: 0.294, cpu: 4, memoryGib: 16 },
  'm6i.2xlarge': { usdPerHour: 0.588, cpu: 8, memoryGib: 32 },
};
/** Spot price relative to on-demand (it moves a little from day to day). */
export const SPOT_FACTOR = 0.35;
/** Each node's gp3 root volume, GB. */
export const ROOT_VOLUME_GB = 20;

export interface ExampleNode {
  node: string;
  instanceType: string;
  capacityType: 'spot' | 'on-demand';
  cpuCores: number;
  memoryBytes: number;
}

export interface ExamplePod {
  namespace: string;
  pod: string;
  node: string;
  /** `app.kubernetes.io/name`, the catalog's `backstage.io/kubernetes-id`. */
  app?: string;
  cpuRequestCores: number;
  cpuUsageCores: number;
  memoryRequestBytes: number;
  memoryUsageBytes: number;
  claims: string[];
}

export interface ExampleClaim {
  namespace: string;
  claim: string;
  bytes: number;
}

export interface ExampleIngress {
  namespace: string;
  ingress: string;
  app?: string;
}

export interface ExampleClusterHour {
  /** Unix seconds at the start of the hour. */
  start: number;
  nodes: ExampleNode[];
  pods: ExamplePod[];
  claims: ExampleClaim[];
  ingresses: ExampleIngress[];
}

interface ClusterSpec {
  name: string;
  /** On-demand nodes on weekdays; `weekendNodes` of them stay at weekends. */
  nodeType: string;
  nodes: number;
  weekendNodes: number;
  /** Spot nodes always there, and more in busy hours (prod scales out). */
  spotType: string;
  spotNodes: number;
  busySpotNodes: number;
  replicas: Record<'shop-backend' | 'shop-web' | 'shop-api', number>;
  prometheusGb: number;
  /** Services with an Ingress (each one an ALB). */
  ingresses: string[];
}

const DEV_A: ClusterSpec = {
  name: 'dev-a',
  nodeType: 'm6i.xlarge',
  nodes: 3,
  weekendNodes: 3,
  spotType: 'm6i.large',
  spotNodes: 1,
  busySpotNodes: 0,
  replicas: { 'shop-backend': 2, 'shop-web': 1, 'shop-api': 1 },
  prometheusGb: 20,
  ingresses: ['shop-web'],
};

/** dev-a, and the larger staging and prod clusters written as its differences. */
export const EXAMPLE_CLUSTERS: ClusterSpec[] = [
  DEV_A,
  {
    ...DEV_A,
    name: 'staging',
    nodes: 4,
    spotType: 'm6i.xlarge',
    replicas: { 'shop-backend': 2, 'shop-web': 2, 'shop-api': 1 },
    prometheusGb: 40,
    ingresses: ['shop-web', 'shop-api'],
  },
  {
    ...DEV_A,
    name: 'prod',
    nodeType: 'm6i.2xlarge',
    nodes: 5,
    weekendNodes: 5,
    spotType: 'm6i.xlarge',
    busySpotNodes: 2,
    replicas: { 'shop-backend': 4, 'shop-web': 3, 'shop-api': 2 },
    prometheusGb: 180,
    ingresses: ['shop-web', 'shop-api'],
  },
];

/** Per-pod requests (cores, GiB) and usage as a share of the request at rest and at peak. */
const WORKLOADS: Record<
  string,
  { cpu: number; memGib: number; idle: number; peak: number }
> = {
  'shop-backend': { cpu: 0.5, memGib: 1, idle: 0.3, peak: 0.9 },
  'shop-web': { cpu: 0.25, memGib: 0.5, idle: 0.2, peak: 0.6 },
  // Requests too little at peak: max(request, usage) charges the usage.
  'shop-api': { cpu: 0.5, memGib: 1, idle: 0.5, peak: 1.3 },
};

/** Stable pseudo-random numbers in [0, 1), the same on every run. */
export function unit(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 100000) / 100000;
}

/** 0..1 over the day, highest in Seoul's afternoon. */
export function busy(t: number): number {
  const hourOfDay = (t / 3600 + 9) % 24;
  return 0.5 + 0.5 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
}

function isWeekend(t: number): boolean {
  const day = new Date(t * 1000).getUTCDay();
  return day === 0 || day === 6;
}

function makeNode(name: string, type: string, spot: boolean): ExampleNode {
  const spec = INSTANCE_TYPES[type];
  return {
    node: name,
    instanceType: type,
    capacityType: spot ? 'spot' : 'on-demand',
    cpuCores: spec.cpu,
    memoryBytes: spec.memoryGib * GIB,
  };
}

function nodesAt(spec: ClusterSpec, t: number, index: number): ExampleNode[] {
  const onDemand = isWeekend(t) ? spec.weekendNodes : spec.nodes;
  const spot = spec.spotNodes + (busy(t) > 0.8 ? spec.busySpotNodes : 0);
  const nodes: ExampleNode[] = [];
  for (let i = 0; i < onDemand; i++) {
    nodes.push(
      makeNode(`ip-10-${index}-1-${i + 10}.ec2.internal`, spec.nodeType, false),
    );
  }
  for (let i = 0; i < spot; i++) {
    nodes.push(
      makeNode(`ip-10-${index}-2-${i + 10}.ec2.internal`, spec.spotType, true),
    );
  }
  return nodes;
}

type PodShape = Omit<ExamplePod, 'node'>;

function podsOf(spec: ClusterSpec, t: number, hourSeed: string): PodShape[] {
  const load = busy(t);
  const out: PodShape[] = [];
  const pod = (
    namespace: string,
    name: string,
    app: string | undefined,
    cpu: number,
    memGib: number,
    usage: number,
    claims: string[] = [],
  ) => {
    const jitter = 0.9 + unit(`${hourSeed}|${name}`) * 0.2;
    out.push({
      namespace,
      pod: name,
      app,
      cpuRequestCores: cpu,
      cpuUsageCores: round(cpu * usage * jitter, 4),
      memoryRequestBytes: Math.round(memGib * GIB),
      memoryUsageBytes: Math.round(
        memGib * GIB * Math.min(1.2, 0.5 + usage * 0.4) * jitter,
      ),
      claims,
    });
  };
  for (const [app, replicas] of Object.entries(spec.replicas)) {
    const w = WORKLOADS[app];
    // prod scales the web tier out by one pod in busy hours.
    const extra =
      spec.busySpotNodes && app === 'shop-web' && load > 0.8 ? 1 : 0;
    for (let i = 0; i < replicas + extra; i++) {
      const claims = app === 'shop-backend' ? [`cache-${app}-${i}`] : [];
      pod(
        'shop',
        `${app}-${i}`,
        app,
        w.cpu,
        w.memGib,
        w.idle + (w.peak - w.idle) * load,
        claims,
      );
    }
  }
  // A batch pod without the label the catalog uses: its cost is shared.
  pod('shop', 'db-migrate-hourly', undefined, 0.1, 0.25, 0.5);
  pod('kube-system', 'coredns-0', undefined, 0.1, 0.07, 0.4);
  pod('kube-system', 'coredns-1', undefined, 0.1, 0.07, 0.4);
  pod('monitoring', 'prometheus-0', undefined, 0.5, 2, 0.7, [
    'prometheus-data',
  ]);
  pod('monitoring', 'grafana-0', undefined, 0.1, 0.25, 0.3);
  pod('argo', 'argocd-application-controller-0', undefined, 0.25, 0.5, 0.6);
  pod('argo', 'argocd-repo-server-0', undefined, 0.1, 0.25, 0.4);
  return out;
}

/** The cluster of one example environment during the hour starting at `t`. */
export function exampleClusterHour(
  environment: string,
  t: number,
): ExampleClusterHour | undefined {
  const index = EXAMPLE_CLUSTERS.findIndex(c => c.name === environment);
  if (index < 0) return undefined;
  const spec = EXAMPLE_CLUSTERS[index];
  const start = Math.floor(t / 3600) * 3600;
  const nodes = nodesAt(spec, start, index);
  const onDemand = nodes.filter(n => n.capacityType === 'on-demand');
  const spot = nodes.filter(n => n.capacityType === 'spot');
  const pods: ExamplePod[] = [];
  podsOf(spec, start, `${environment}|${start}`).forEach((p, i) => {
    // Scale-out pods land on spot nodes; the rest spread over on-demand
    // nodes, so they move when a node leaves at the weekend.
    const pool =
      p.pod === 'shop-web-3' && spot.length > 1 ? spot.slice(1) : onDemand;
    pods.push({ ...p, node: pool[i % pool.length].node });
  });
  for (const node of nodes) {
    for (const [name, cpu, mem] of [
      ['aws-node', 0.025, 0.06],
      ['kube-proxy', 0.1, 0.05],
    ] as const) {
      pods.push({
        namespace: 'kube-system',
        pod: `${name}-${node.node.split('.')[0]}`,
        node: node.node,
        cpuRequestCores: cpu,
        cpuUsageCores: cpu * 0.5,
        memoryRequestBytes: Math.round(mem * GIB),
        memoryUsageBytes: Math.round(mem * GIB * 0.8),
        claims: [],
      });
    }
  }
  const claims: ExampleClaim[] = [
    {
      namespace: 'monitoring',
      claim: 'prometheus-data',
      bytes: spec.prometheusGb * 1e9,
    },
  ];
  for (let i = 0; i < spec.replicas['shop-backend']; i++) {
    claims.push({
      namespace: 'shop',
      claim: `cache-shop-backend-${i}`,
      bytes: 10e9,
    });
  }
  const ingresses: ExampleIngress[] = [
    ...spec.ingresses.map(app => ({ namespace: 'shop', ingress: app, app })),
    { namespace: 'monitoring', ingress: 'grafana' },
  ];
  return { start, nodes, pods, claims, ingresses };
}

/** What one hour of the cluster costs, USD, by Cost Explorer's SERVICE. */
export function clusterHourCost(hour: ExampleClusterHour, day: string) {
  const spotFactor = SPOT_FACTOR * (0.95 + unit(`spot|${day}`) * 0.1);
  let compute = 0;
  for (const n of hour.nodes) {
    const price = INSTANCE_TYPES[n.instanceType].usdPerHour;
    compute += n.capacityType === 'spot' ? price * spotFactor : price;
  }
  const gb =
    hour.nodes.length * ROOT_VOLUME_GB +
    hour.claims.reduce((a, c) => a + c.bytes / 1e9, 0);
  return {
    'Amazon Elastic Compute Cloud - Compute': compute,
    // gp3 at USD 0.0912 per GB-month (730 hours).
    'EC2 - Other': (gb * 0.0912) / 730,
    'Amazon Elastic Kubernetes Service': 0.1,
    // Per ALB: the hour plus LCUs that follow the traffic.
    'Elastic Load Balancing':
      hour.ingresses.length * (0.0225 + 0.008 * (0.5 + busy(hour.start) * 2)),
  };
}

function round(value: number, digits: number) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
