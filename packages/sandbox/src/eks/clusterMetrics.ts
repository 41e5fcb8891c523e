/**
 * The example clusters as the series a cluster's Prometheus holds:
 * kube-state-metrics (node labels and capacity, pod info, labels and
 * requests, PVCs and the pods that mount them, Ingresses) and cAdvisor
 * (container CPU seconds, memory working set), as OpenMetrics text for
 * `promtool tsdb create-blocks-from openmetrics`. Label names follow
 * kube-state-metrics 2.x with `--metric-labels-allowlist` for
 * `app.kubernetes.io/name` (pods, Ingresses) and the node labels.
 */
import {
  exampleClusterHour,
  type ExampleClusterHour,
} from './exampleClusters.ts';

type Labels = Record<string, string | undefined>;
type Sample = { labels: Labels; value: number };

type Family = [
  string,
  'gauge' | 'counter',
  (h: ExampleClusterHour) => Sample[],
];
type Pod = ExampleClusterHour['pods'][number];

const podLabels = (p: Pod) => ({ namespace: p.namespace, pod: p.pod });
/** cAdvisor's and the requests' labels of a pod's one container. */
const containerLabels = (p: Pod) => ({
  ...podLabels(p),
  container: containerOf(p.pod),
  node: p.node,
});

/** A kube-state-metrics info or labels family: a sample of 1 per object. */
function info<T>(
  name: string,
  objects: (h: ExampleClusterHour) => T[],
  labels: (o: T) => Labels,
): Family {
  return [
    name,
    'gauge',
    h => objects(h).map(o => ({ labels: labels(o), value: 1 })),
  ];
}

/** Every family: samples of one hour of the cluster. */
const FAMILIES: Family[] = [
  info(
    'kube_node_labels',
    h => h.nodes,
    n => ({
      node: n.node,
      label_node_kubernetes_io_instance_type: n.instanceType,
      label_eks_amazonaws_com_capacity_type:
        n.capacityType === 'spot' ? 'SPOT' : 'ON_DEMAND',
    }),
  ),
  [
    'kube_node_status_capacity',
    'gauge',
    h =>
      h.nodes.flatMap(n => [
        {
          labels: { node: n.node, resource: 'cpu', unit: 'core' },
          value: n.cpuCores,
        },
        {
          labels: { node: n.node, resource: 'memory', unit: 'byte' },
          value: n.memoryBytes,
        },
      ]),
  ],
  info(
    'kube_node_status_condition',
    h => h.nodes,
    n => ({ node: n.node, condition: 'Ready', status: 'true' }),
  ),
  info(
    'kube_pod_info',
    h => h.pods,
    p => ({ ...podLabels(p), node: p.node, host_network: 'false' }),
  ),
  info(
    'kube_pod_labels',
    h => h.pods,
    p => ({ ...podLabels(p), label_app_kubernetes_io_name: p.app }),
  ),
  [
    'kube_pod_container_resource_requests',
    'gauge',
    h =>
      h.pods.flatMap(p => [
        {
          labels: { ...containerLabels(p), resource: 'cpu', unit: 'core' },
          value: p.cpuRequestCores,
        },
        {
          labels: { ...containerLabels(p), resource: 'memory', unit: 'byte' },
          value: p.memoryRequestBytes,
        },
      ]),
  ],
  info(
    'kube_persistentvolumeclaim_info',
    h => h.claims,
    c => ({
      namespace: c.namespace,
      persistentvolumeclaim: c.claim,
      storageclass: 'gp3',
      volumename: `pvc-${c.claim}`,
    }),
  ),
  [
    'kube_persistentvolumeclaim_resource_requests_storage_bytes',
    'gauge',
    h =>
      h.claims.map(c => ({
        labels: { namespace: c.namespace, persistentvolumeclaim: c.claim },
        value: c.bytes,
      })),
  ],
  info(
    'kube_pod_spec_volumes_persistentvolumeclaims_info',
    h => h.pods.flatMap(p => p.claims.map(claim => ({ p, claim }))),
    ({ p, claim }) => ({
      ...podLabels(p),
      volume: 'data',
      persistentvolumeclaim: claim,
    }),
  ),
  info(
    'kube_ingress_info',
    h => h.ingresses,
    i => ({ namespace: i.namespace, ingress: i.ingress, ingressclass: 'alb' }),
  ),
  info(
    'kube_ingress_labels',
    h => h.ingresses,
    i => ({
      namespace: i.namespace,
      ingress: i.ingress,
      label_app_kubernetes_io_name: i.app,
    }),
  ),
  [
    'container_memory_working_set_bytes',
    'gauge',
    h =>
      h.pods.map(p => ({
        labels: containerLabels(p),
        value: p.memoryUsageBytes,
      })),
  ],
];

function usageOf(hour: ExampleClusterHour, key: string): number {
  const pod = hour.pods.find(p => `${p.namespace}/${p.pod}` === key);
  return pod?.cpuUsageCores ?? 0;
}

function containerOf(pod: string): string {
  return pod.replace(/-[^-]+$/, '');
}

function labelText(labels: Labels): string {
  return Object.entries(labels)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
}

/**
 * OpenMetrics lines (without `# EOF`) of one example environment's cluster
 * series, a sample every `step` seconds in [start, end).
 */
export function clusterMetricLines(
  environment: string,
  start: number,
  end: number,
  step: number,
): string[] {
  const hours = new Map<number, ExampleClusterHour>();
  const hourAt = (t: number) => {
    const key = Math.floor(t / 3600);
    let h = hours.get(key);
    if (!h) {
      h = exampleClusterHour(environment, t)!;
      hours.set(key, h);
    }
    return h;
  };
  if (!exampleClusterHour(environment, start)) return [];
  const out: string[] = [];
  for (const [name, type, samples] of FAMILIES) {
    out.push(`# TYPE ${name} ${type}`);
    // The node count is read by instant queries (5 minute lookback), as
    // the hourly estimate does: sample it at least every 2 minutes.
    const every =
      name === 'kube_node_status_condition' ? Math.min(step, 120) : step;
    for (let t = start; t < end; t += every) {
      for (const s of samples(hourAt(t))) {
        out.push(`${name}{${labelText(s.labels)}} ${s.value} ${t}`);
      }
    }
  }
  // cAdvisor's CPU counter: seconds used since the series began, the
  // hour's usage rate integrated up to t.
  out.push('# TYPE container_cpu_usage_seconds_total counter');
  const used = new Map<string, { seconds: number; at: number }>();
  for (let t = start; t < end; t += step) {
    for (const p of hourAt(t).pods) {
      const labels = containerLabels(p);
      const key = `${p.namespace}/${p.pod}`;
      const prev = used.get(key);
      // A pod that was away for a while is a new container: its counter
      // starts again (above zero, so rate() extrapolates its first hour).
      let seconds = 1000;
      if (prev && t - prev.at <= step) {
        const boundary = Math.floor(t / 3600) * 3600;
        const before = Math.max(prev.at, Math.min(t, boundary));
        seconds =
          prev.seconds +
          usageOf(hourAt(prev.at), key) * (before - prev.at) +
          p.cpuUsageCores * (t - before);
      }
      used.set(key, { seconds, at: t });
      out.push(
        `container_cpu_usage_seconds_total{${labelText(
          labels,
        )}} ${seconds.toFixed(3)} ${t}`,
      );
    }
  }
  return out;
}
