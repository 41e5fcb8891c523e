/**
 * The example clusters as the series a cluster's Prometheus holds:
 * kube-state-metrics (node labels and capacity, pod info, labels and
 * requests, PVCs and the pods that mount them, Ingresses) and cAdvisor
 * (container CPU seconds, memory working set), as OpenMetrics text for
 * `promtool tsdb create-blocks-from openmetrics`. Label names follow
 * kube-state-metrics 2.x with `--metric-labels-allowlist` for
 * `app.kubernetes.io/name` (pods, Ingresses) and the node labels.
 */
import { exampleClusterHour, type ExampleClusterHour } from './exampleClusters.ts';

type Labels = Record<string, string | undefined>;
type Sample = { labels: Labels; value: number };

/** Every family: samples of one hour of the cluster. */
const FAMILIES: [string, 'gauge' | 'counter', (h: ExampleClusterHour) => Sample[]][] = [
  ['kube_node_labels', 'gauge', h =>
    h.nodes.map(n => ({
      labels: {
        node: n.node,
        label_node_kubernetes_io_instance_type: n.instanceType,
        label_eks_amazonaws_com_capacity_type: n.capacityType === 'spot' ? 'SPOT' : 'ON_DEMAND',
      },
      value: 1,
    }))],
  ['kube_node_status_capacity', 'gauge', h =>
    h.nodes.flatMap(n => [
      { labels: { node: n.node, resource: 'cpu', unit: 'core' }, value: n.cpuCores },
      { labels: { node: n.node, resource: 'memory', unit: 'byte' }, value: n.memoryBytes },
    ])],
  ['kube_node_status_condition', 'gauge', h =>
    h.nodes.map(n => ({
      labels: { node: n.node, condition: 'Ready', status: 'true' },
      value: 1,
    }))],
  ['kube_pod_info', 'gauge', h =>
    h.pods.map(p => ({
      labels: { namespace: p.namespace, pod: p.pod, node: p.node, host_network: 'false' },
      value: 1,
    }))],
  ['kube_pod_labels', 'gauge', h =>
    h.pods.map(p => ({
      labels: { namespace: p.namespace, pod: p.pod, label_app_kubernetes_io_name: p.app },
      value: 1,
    }))],
  ['kube_pod_container_resource_requests', 'gauge', h =>
    h.pods.flatMap(p => {
      const base = { namespace: p.namespace, pod: p.pod, container: containerOf(p.pod), node: p.node };
      return [
        { labels: { ...base, resource: 'cpu', unit: 'core' }, value: p.cpuRequestCores },
        { labels: { ...base, resource: 'memory', unit: 'byte' }, value: p.memoryRequestBytes },
      ];
    })],
  ['kube_persistentvolumeclaim_info', 'gauge', h =>
    h.claims.map(c => ({
      labels: {
        namespace: c.namespace,
        persistentvolumeclaim: c.claim,
        storageclass: 'gp3',
        volumename: `pvc-${c.claim}`,
      },
      value: 1,
    }))],
  ['kube_persistentvolumeclaim_resource_requests_storage_bytes', 'gauge', h =>
    h.claims.map(c => ({
      labels: { namespace: c.namespace, persistentvolumeclaim: c.claim },
      value: c.bytes,
    }))],
  ['kube_pod_spec_volumes_persistentvolumeclaims_info', 'gauge', h =>
    h.pods.flatMap(p =>
      p.claims.map(claim => ({
        labels: { namespace: p.namespace, pod: p.pod, volume: 'data', persistentvolumeclaim: claim },
        value: 1,
      })),
    )],
  ['kube_ingress_info', 'gauge', h =>
    h.ingresses.map(i => ({
      labels: { namespace: i.namespace, ingress: i.ingress, ingressclass: 'alb' },
      value: 1,
    }))],
  ['kube_ingress_labels', 'gauge', h =>
    h.ingresses.map(i => ({
      labels: { namespace: i.namespace, ingress: i.ingress, label_app_kubernetes_io_name: i.app },
      value: 1,
    }))],
  ['container_memory_working_set_bytes', 'gauge', h =>
    h.pods.map(p => ({
      labels: { namespace: p.namespace, pod: p.pod, container: containerOf(p.pod), node: p.node },
      value: p.memoryUsageBytes,
    }))],
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
    for (let t = start; t < end; t += step) {
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
      const labels = { namespace: p.namespace, pod: p.pod, container: containerOf(p.pod), node: p.node };
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
        `container_cpu_usage_seconds_total{${labelText(labels)}} ${seconds.toFixed(3)} ${t}`,
      );
    }
  }
  return out;
}
