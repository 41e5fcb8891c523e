import type {
  ClusterHour,
  NodeHour,
  PodHour,
} from '@internal/plugin-cost-uptime-common';
import {
  hourKey,
  hourSeconds,
  type PrometheusSource,
} from './PrometheusSource';

const HOUR = 3600;

/**
 * PromQL for one cluster's state, each evaluated at the end of an hour over
 * that hour: the last state kube-state-metrics reported in it and cAdvisor's
 * average usage. Label names are kube-state-metrics 2.x with the pod, node
 * and Ingress labels allowed (`--metric-labels-allowlist`).
 */
export const CLUSTER_QUERIES = {
  nodes: 'last_over_time(kube_node_labels[1h])',
  nodeCpu: 'last_over_time(kube_node_status_capacity{resource="cpu"}[1h])',
  nodeMemory:
    'last_over_time(kube_node_status_capacity{resource="memory"}[1h])',
  pods: 'last_over_time(kube_pod_info[1h])',
  podLabels: 'last_over_time(kube_pod_labels[1h])',
  cpuRequests:
    'sum by (namespace, pod) (last_over_time(kube_pod_container_resource_requests{resource="cpu"}[1h]))',
  memoryRequests:
    'sum by (namespace, pod) (last_over_time(kube_pod_container_resource_requests{resource="memory"}[1h]))',
  cpuUsage:
    'sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="",container!="POD"}[1h]))',
  memoryUsage:
    'sum by (namespace, pod) (avg_over_time(container_memory_working_set_bytes{container!="",container!="POD"}[1h]))',
  claims:
    'last_over_time(kube_persistentvolumeclaim_resource_requests_storage_bytes[1h])',
  mounts:
    'last_over_time(kube_pod_spec_volumes_persistentvolumeclaims_info[1h])',
  ingresses: 'last_over_time(kube_ingress_info[1h])',
  ingressLabels: 'last_over_time(kube_ingress_labels[1h])',
} as const;

type Key = keyof typeof CLUSTER_QUERIES;
type Series = Awaited<ReturnType<PrometheusSource['rangeSeries']>>;

/** The service a pod or Ingress belongs to: the label the catalog matches on. */
function serviceLabel(labels: Record<string, string>): string | undefined {
  return (
    labels.label_backstage_io_kubernetes_id ||
    labels.label_app_kubernetes_io_name ||
    undefined
  );
}

function capacityType(
  labels: Record<string, string>,
): NodeHour['capacityType'] {
  const v = (
    labels.label_eks_amazonaws_com_capacity_type ??
    labels.label_karpenter_sh_capacity_type ??
    ''
  ).toLowerCase();
  return v === 'spot' ? 'spot' : 'on-demand';
}

/**
 * Reads the cluster, hour by hour, for the hours starting in [start, end)
 * (unix seconds on the hour): 13 range queries however many hours.
 */
export async function readClusterHours(
  prom: PrometheusSource,
  start: number,
  end: number,
): Promise<ClusterHour[]> {
  if (end <= start) return [];
  const raw = {} as Record<Key, Series>;
  for (const key of Object.keys(CLUSTER_QUERIES) as Key[]) {
    // Evaluated at each hour's end, reported as the hour it covers.
    const series = await prom.rangeSeries(
      CLUSTER_QUERIES[key],
      start + HOUR,
      end,
    );
    raw[key] = series.map(s => ({
      labels: s.labels,
      values: s.values.map(v => ({
        hour: hourKey(hourSeconds(v.hour) - HOUR),
        value: v.value,
      })),
    }));
  }
  const hours = new Map<string, ClusterHour>();
  const hourOf = (hour: string) => {
    let h = hours.get(hour);
    if (!h) {
      h = { hour, nodes: [], pods: [], claims: [], ingresses: [] };
      hours.set(hour, h);
    }
    return h;
  };
  const byHour = (key: Key, id: (l: Record<string, string>) => string) => {
    const map = new Map<string, number>();
    for (const s of raw[key]) {
      for (const v of s.values) map.set(`${v.hour}|${id(s.labels)}`, v.value);
    }
    return map;
  };
  const labelsByHour = (
    key: Key,
    id: (l: Record<string, string>) => string,
  ) => {
    const map = new Map<string, Record<string, string>>();
    for (const s of raw[key])
      for (const v of s.values) map.set(`${v.hour}|${id(s.labels)}`, s.labels);
    return map;
  };
  const podId = (l: Record<string, string>) => `${l.namespace}/${l.pod}`;
  const cpu = byHour('nodeCpu', l => l.node);
  const memory = byHour('nodeMemory', l => l.node);
  for (const s of raw.nodes) {
    for (const v of s.values) {
      hourOf(v.hour).nodes.push({
        node: s.labels.node,
        instanceType: s.labels.label_node_kubernetes_io_instance_type ?? '',
        capacityType: capacityType(s.labels),
        cpuCores: cpu.get(`${v.hour}|${s.labels.node}`) ?? 0,
        memoryBytes: memory.get(`${v.hour}|${s.labels.node}`) ?? 0,
      });
    }
  }
  const podLabels = labelsByHour('podLabels', podId);
  const requestsCpu = byHour('cpuRequests', podId);
  const requestsMem = byHour('memoryRequests', podId);
  const usageCpu = byHour('cpuUsage', podId);
  const usageMem = byHour('memoryUsage', podId);
  const mounts = new Map<string, string[]>();
  for (const s of raw.mounts) {
    for (const v of s.values) {
      const k = `${v.hour}|${podId(s.labels)}`;
      mounts.set(k, [...(mounts.get(k) ?? []), s.labels.persistentvolumeclaim]);
    }
  }
  const seen = new Set<string>();
  for (const s of raw.pods) {
    for (const v of s.values) {
      const k = `${v.hour}|${podId(s.labels)}`;
      // A pod that moved within the hour has two info series: count it once.
      if (seen.has(k) || !s.labels.node) continue;
      seen.add(k);
      const pod: PodHour = {
        namespace: s.labels.namespace,
        pod: s.labels.pod,
        node: s.labels.node,
        service: serviceLabel(podLabels.get(k) ?? {}),
        cpuRequestCores: requestsCpu.get(k) ?? 0,
        cpuUsageCores: usageCpu.get(k) ?? 0,
        memoryRequestBytes: requestsMem.get(k) ?? 0,
        memoryUsageBytes: usageMem.get(k) ?? 0,
        claims: mounts.get(k) ?? [],
      };
      hourOf(v.hour).pods.push(pod);
    }
  }
  for (const s of raw.claims) {
    for (const v of s.values) {
      hourOf(v.hour).claims.push({
        namespace: s.labels.namespace,
        claim: s.labels.persistentvolumeclaim,
        bytes: v.value,
      });
    }
  }
  const ingressLabels = labelsByHour(
    'ingressLabels',
    l => `${l.namespace}/${l.ingress}`,
  );
  for (const s of raw.ingresses) {
    for (const v of s.values) {
      const labels = ingressLabels.get(
        `${v.hour}|${s.labels.namespace}/${s.labels.ingress}`,
      );
      hourOf(v.hour).ingresses.push({
        namespace: s.labels.namespace,
        ingress: s.labels.ingress,
        service: serviceLabel(labels ?? {}),
      });
    }
  }
  return [...hours.values()].sort((a, b) => (a.hour < b.hour ? -1 : 1));
}
