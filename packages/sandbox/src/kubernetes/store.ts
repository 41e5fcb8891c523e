/*
 * A cluster's objects indexed by the API path that serves them, with the
 * Events and PodMetrics derived from its Pods.
 */
import {
  ago,
  meta,
  resourceKey,
  uid,
  type K8sObject,
  type ResourceKey,
} from './objects.ts';

/** Events the pod drawer shows (fetched through the kubernetes proxy). */
function eventsFor(objects: K8sObject[]): K8sObject[] {
  const events: K8sObject[] = [];
  for (const o of objects) {
    if (o.kind !== 'Pod') continue;
    const status = o.status as {
      containerStatuses?: Array<{ state: { waiting?: { reason: string } } }>;
      conditions?: Array<{ reason?: string; message?: string }>;
    };
    const waiting = status.containerStatuses?.[0]?.state.waiting?.reason;
    const unschedulable = status.conditions?.find(
      c => c.reason === 'Unschedulable',
    );
    const add = (
      type: string,
      reason: string,
      message: string,
      count: number,
    ) =>
      events.push({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: meta(
          `${o.metadata.name}.17a${events.length}`,
          o.metadata.namespace!,
          {},
        ),
        involvedObject: {
          kind: 'Pod',
          name: o.metadata.name,
          namespace: o.metadata.namespace,
          uid: o.metadata.uid,
          apiVersion: 'v1',
        },
        reason,
        message,
        type,
        count,
        firstTimestamp: ago(40),
        lastTimestamp: ago(2),
        source: { component: 'kubelet' },
      });
    if (waiting === 'CrashLoopBackOff') {
      add('Warning', 'BackOff', 'Back-off restarting failed container', 61);
    } else if (waiting === 'ImagePullBackOff') {
      add(
        'Warning',
        'Failed',
        `Failed to pull image: rpc error: code = NotFound desc = failed to pull and unpack image: not found`,
        12,
      );
    } else if (unschedulable) {
      add('Warning', 'FailedScheduling', unschedulable.message ?? '', 9);
    } else {
      add('Normal', 'Started', 'Started container', 1);
    }
  }
  return events;
}

/** Pod metrics (metrics.k8s.io), for pods that run. */
function podMetrics(objects: K8sObject[]): K8sObject[] {
  return objects
    .filter(
      o =>
        o.kind === 'Pod' && (o.status as { phase: string }).phase === 'Running',
    )
    .map((o, i) => ({
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'PodMetrics',
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: uid(`${o.metadata.name}-metrics`),
        resourceVersion: '0',
        creationTimestamp: ago(0),
        labels: o.metadata.labels,
      },
      timestamp: ago(0),
      window: '15s',
      containers: [
        {
          name: (o.spec as { containers: Array<{ name: string }> })
            .containers[0].name,
          usage: { cpu: `${120 + i * 35}m`, memory: `${180 + i * 20}Mi` },
        },
      ],
    }));
}

const PLURALS: Record<string, ResourceKey> = {
  Pod: resourceKey('', 'v1', 'pods'),
  Service: resourceKey('', 'v1', 'services'),
  Event: resourceKey('', 'v1', 'events'),
  Deployment: resourceKey('apps', 'v1', 'deployments'),
  ReplicaSet: resourceKey('apps', 'v1', 'replicasets'),
  HorizontalPodAutoscaler: resourceKey(
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
  ),
  Ingress: resourceKey('networking.k8s.io', 'v1', 'ingresses'),
  PodMetrics: resourceKey('metrics.k8s.io', 'v1beta1', 'pods'),
};

/** Resource types the API serves even when a cluster holds none of them. */
const SERVED_RESOURCES: ResourceKey[] = [
  ...Object.values(PLURALS),
  resourceKey('', 'v1', 'configmaps'),
  resourceKey('', 'v1', 'limitranges'),
  resourceKey('', 'v1', 'resourcequotas'),
  resourceKey('', 'v1', 'secrets'),
  resourceKey('', 'v1', 'persistentvolumes'),
  resourceKey('', 'v1', 'persistentvolumeclaims'),
  resourceKey('apps', 'v1', 'statefulsets'),
  resourceKey('apps', 'v1', 'daemonsets'),
  resourceKey('batch', 'v1', 'jobs'),
  resourceKey('batch', 'v1', 'cronjobs'),
];

export type ClusterStore = Map<ResourceKey, K8sObject[]>;

export function store(objects: K8sObject[]): ClusterStore {
  const all = [...objects, ...eventsFor(objects), ...podMetrics(objects)];
  const result: ClusterStore = new Map(SERVED_RESOURCES.map(k => [k, []]));
  for (const o of all) {
    result.get(PLURALS[o.kind])!.push(o);
  }
  return result;
}
