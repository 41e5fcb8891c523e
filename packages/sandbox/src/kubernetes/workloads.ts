/*
 * The Kubernetes objects the stand-in clusters hold: the example shop's
 * workloads, shaped like what `kubectl get -o json` returns from an EKS
 * cluster, in the states a developer needs to recognise on the service page
 * (Running, CrashLoopBackOff, ImagePullBackOff, Pending, a rollout halfway).
 */
import { createHash } from 'node:crypto';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<Record<string, unknown>>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/** Where a resource lives in the API: `/api/v1/pods` has group ''. */
export type ResourceKey = `${string}/${string}/${string}`; // group/version/plural

export const resourceKey = (group: string, version: string, plural: string) =>
  `${group}/${version}/${plural}` as ResourceKey;

const ECR = '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com';

type PodState =
  | { kind: 'running'; restarts?: number }
  | { kind: 'crashLoop'; restarts: number }
  | { kind: 'imagePullBackOff' }
  | { kind: 'pending'; message: string };

type ReplicaSetSpec = {
  hash: string;
  version: string;
  revision: number;
  pods: PodState[];
};

type WorkloadSpec = {
  cluster: string;
  app: string;
  namespace: string;
  port: number;
  host: string;
  replicas: number;
  /** Oldest first; more than one means a rollout is in progress. */
  replicaSets: ReplicaSetSpec[];
  hpa: { min: number; max: number; cpu: number };
};

let counter = 0;
const uid = (seed: string) => {
  counter += 1;
  const hex = createHash('sha1').update(`${seed}:${counter}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
/** The clock timestamps count back from; set for one `exampleClusters` call. */
let clock: () => Date = () => new Date();
export const ago = (minutes: number) =>
  new Date(clock().getTime() - minutes * 60_000)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
const meta = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
  extra: Record<string, unknown> = {},
) => ({
  name,
  namespace,
  uid: uid(name),
  resourceVersion: String(100000 + counter),
  creationTimestamp: ago(60 * 24 * 3),
  labels,
  ...extra,
});

function pod(
  spec: WorkloadSpec,
  rs: ReplicaSetSpec,
  rsName: string,
  rsUid: string,
  state: PodState,
  index: number,
): K8sObject {
  const suffix = ['x7k2p', 'b9wq4', 'm3zt8', 'c5hv1'][index % 4];
  const name = `${rsName}-${suffix}`;
  const image = `${ECR}/${spec.app}:${rs.version}`;
  const labels = {
    app: spec.app,
    'backstage.io/kubernetes-id': spec.app,
    'pod-template-hash': rs.hash,
  };
  const started = ago(30 + index * 5);
  const container = {
    name: spec.app,
    image,
    ports: [{ containerPort: spec.port, protocol: 'TCP' }],
    resources: {
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    },
    readinessProbe: {
      httpGet: { path: '/healthz', port: spec.port, scheme: 'HTTP' },
      periodSeconds: 10,
    },
  };
  const base = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, spec.namespace, labels, {
      generateName: `${rsName}-`,
      creationTimestamp: started,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: rsName,
          uid: rsUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    }),
    spec: {
      containers: [container],
      nodeName:
        state.kind === 'pending'
          ? undefined
          : `ip-10-0-${10 + index}-${
              20 + index
            }.ap-northeast-2.compute.internal`,
      serviceAccountName: spec.app,
      restartPolicy: 'Always',
    },
  };
  const condition = (type: string, status: string, extra = {}) => ({
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: started,
    ...extra,
  });
  switch (state.kind) {
    case 'running':
      return {
        ...base,
        status: {
          phase: 'Running',
          conditions: [
            condition('Initialized', 'True'),
            condition('Ready', 'True'),
            condition('ContainersReady', 'True'),
            condition('PodScheduled', 'True'),
          ],
          hostIP: `10.0.${10 + index}.${20 + index}`,
          podIP: `10.0.${100 + index}.${40 + index}`,
          startTime: started,
          containerStatuses: [
            {
              name: spec.app,
              image,
              imageID: `${image}@sha256:${'a1'.repeat(32)}`,
              ready: true,
              started: true,
              restartCount: state.restarts ?? 0,
              state: { running: { startedAt: started } },
              lastState: {},
            },
          ],
        },
      };
    case 'crashLoop':
      return {
        ...base,
        status: {
          phase: 'Running',
          conditions: [
            condition('Initialized', 'True'),
            condition('Ready', 'False', {
              reason: 'ContainersNotReady',
              message: `containers with unready status: [${spec.app}]`,
            }),
            condition('ContainersReady', 'False', {
              reason: 'ContainersNotReady',
              message: `containers with unready status: [${spec.app}]`,
            }),
            condition('PodScheduled', 'True'),
          ],
          hostIP: `10.0.${10 + index}.${20 + index}`,
          podIP: `10.0.${100 + index}.${40 + index}`,
          startTime: started,
          containerStatuses: [
            {
              name: spec.app,
              image,
              imageID: `${image}@sha256:${'b2'.repeat(32)}`,
              ready: false,
              started: false,
              restartCount: state.restarts,
              state: {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: `back-off 5m0s restarting failed container=${spec.app} pod=${name}_${spec.namespace}(${base.metadata.uid})`,
                },
              },
              lastState: {
                terminated: {
                  exitCode: 1,
                  reason: 'Error',
                  startedAt: ago(6),
                  finishedAt: ago(5),
                },
              },
            },
          ],
        },
      };
    case 'imagePullBackOff':
      return {
        ...base,
        status: {
          phase: 'Pending',
          conditions: [
            condition('Initialized', 'True'),
            condition('Ready', 'False', { reason: 'ContainersNotReady' }),
            condition('ContainersReady', 'False', {
              reason: 'ContainersNotReady',
            }),
            condition('PodScheduled', 'True'),
          ],
          hostIP: `10.0.${10 + index}.${20 + index}`,
          podIP: `10.0.${100 + index}.${40 + index}`,
          startTime: started,
          containerStatuses: [
            {
              name: spec.app,
              image,
              imageID: '',
              ready: false,
              started: false,
              restartCount: 0,
              state: {
                waiting: {
                  reason: 'ImagePullBackOff',
                  message: `Back-off pulling image "${image}"`,
                },
              },
              lastState: {},
            },
          ],
        },
      };
    case 'pending':
    default:
      return {
        ...base,
        status: {
          phase: 'Pending',
          conditions: [
            condition('PodScheduled', 'False', {
              reason: 'Unschedulable',
              message: state.kind === 'pending' ? state.message : '',
            }),
          ],
          qosClass: 'Burstable',
        },
      };
  }
}

function workload(spec: WorkloadSpec): K8sObject[] {
  const { app, namespace } = spec;
  const labels = { app, 'backstage.io/kubernetes-id': app };
  const current = spec.replicaSets[spec.replicaSets.length - 1];
  const allPods = spec.replicaSets.flatMap(rs => rs.pods);
  const ready = allPods.filter(p => p.kind === 'running').length;
  const updated = current.pods.length;
  const rollingOut = spec.replicaSets.length > 1;
  const deployment: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(app, namespace, labels, {
      generation: 4 + current.revision,
      annotations: {
        'deployment.kubernetes.io/revision': String(current.revision),
      },
    }),
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: { app } },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: app,
              image: `${ECR}/${app}:${current.version}`,
              ports: [{ containerPort: spec.port }],
            },
          ],
        },
      },
    },
    status: {
      observedGeneration: 4 + current.revision,
      replicas: allPods.length,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(allPods.length - ready > 0
        ? { unavailableReplicas: allPods.length - ready }
        : {}),
      conditions: [
        {
          type: 'Available',
          status: ready >= spec.replicas - 1 ? 'True' : 'False',
          reason:
            ready >= spec.replicas - 1
              ? 'MinimumReplicasAvailable'
              : 'MinimumReplicasUnavailable',
          lastUpdateTime: ago(20),
          lastTransitionTime: ago(20),
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: rollingOut ? 'ReplicaSetUpdated' : 'NewReplicaSetAvailable',
          message: rollingOut
            ? `ReplicaSet "${app}-${current.hash}" is progressing.`
            : `ReplicaSet "${app}-${current.hash}" has successfully progressed.`,
          lastUpdateTime: ago(10),
          lastTransitionTime: ago(60),
        },
      ],
    },
  };
  const objects: K8sObject[] = [deployment];
  for (const rs of spec.replicaSets) {
    const rsName = `${app}-${rs.hash}`;
    const rsMeta = meta(
      rsName,
      namespace,
      { ...labels, 'pod-template-hash': rs.hash },
      {
        annotations: {
          'deployment.kubernetes.io/revision': String(rs.revision),
          'deployment.kubernetes.io/desired-replicas': String(spec.replicas),
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: app,
            uid: deployment.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
    );
    const rsReady = rs.pods.filter(p => p.kind === 'running').length;
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: rsMeta,
      spec: {
        replicas: rs.pods.length,
        selector: { matchLabels: { app, 'pod-template-hash': rs.hash } },
      },
      status: {
        replicas: rs.pods.length,
        readyReplicas: rsReady,
        availableReplicas: rsReady,
        fullyLabeledReplicas: rs.pods.length,
        observedGeneration: 1,
      },
    });
    rs.pods.forEach((state, i) =>
      objects.push(pod(spec, rs, rsName, rsMeta.uid, state, i)),
    );
  }
  objects.push(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(app, namespace, labels),
      spec: {
        type: 'ClusterIP',
        clusterIP: `172.20.${spec.port % 200}.${app.length * 7}`,
        selector: { app },
        ports: [
          { name: 'http', port: 80, targetPort: spec.port, protocol: 'TCP' },
        ],
      },
      status: { loadBalancer: {} },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta(app, namespace, labels, {
        annotations: {
          'alb.ingress.kubernetes.io/scheme': 'internet-facing',
          'alb.ingress.kubernetes.io/target-type': 'ip',
          'external-dns.alpha.kubernetes.io/hostname': spec.host,
        },
      }),
      spec: {
        ingressClassName: 'alb',
        rules: [
          {
            host: spec.host,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: app, port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
      status: {
        loadBalancer: {
          ingress: [
            {
              hostname: `k8s-${namespace}-${app}-4f1c2a.ap-northeast-2.elb.amazonaws.com`,
            },
          ],
        },
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(app, namespace, labels),
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: app,
        },
        minReplicas: spec.hpa.min,
        maxReplicas: spec.hpa.max,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
      status: {
        currentReplicas: allPods.length,
        desiredReplicas: spec.replicas,
        currentMetrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              current: {
                averageUtilization: spec.hpa.cpu,
                averageValue: '180m',
              },
            },
          },
        ],
      },
    },
  );
  return objects;
}

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
export const SERVED_RESOURCES: ResourceKey[] = [
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

/**
 * The example clusters. `dev-a` and `prod` are the environments' EKS clusters
 * (catalog Resources, `aws` auth); `ops` is the platform's own cluster, found
 * through config with a service-account token.
 */
export function exampleClusters(
  options: { now?: () => Date } = {},
): Record<string, ClusterStore> {
  return withClock(options.now, buildExampleClusters);
}

/**
 * Builds objects for `objects()` with `now` as the clock of their
 * timestamps (for fixtures kept in other files).
 */
export function withClock<T>(
  now: (() => Date) | undefined,
  objects: () => T,
): T {
  const previous = clock;
  clock = now ?? (() => new Date());
  try {
    return objects();
  } finally {
    clock = previous;
  }
}

function buildExampleClusters(): Record<string, ClusterStore> {
  const noUnschedulable =
    '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
  return {
    'dev-a': store([
      // shop-backend: rollout of 2.3.0 halfway; the new version crash-loops.
      ...workload({
        cluster: 'dev-a',
        app: 'shop-backend',
        namespace: 'shop',
        port: 5000,
        host: 'api.shop.dev-a.example.com',
        replicas: 2,
        replicaSets: [
          {
            hash: '6d8f7c9b5',
            version: '2.2.1',
            revision: 7,
            pods: [{ kind: 'running' }],
          },
          {
            hash: '7f9c8d6b4',
            version: '2.3.0',
            revision: 8,
            pods: [{ kind: 'crashLoop', restarts: 14 }],
          },
        ],
        hpa: { min: 2, max: 4, cpu: 35 },
      }),
      // shop-web: the new tag was never pushed, so its pod cannot pull it.
      ...workload({
        cluster: 'dev-a',
        app: 'shop-web',
        namespace: 'shop',
        port: 8080,
        host: 'shop.dev-a.example.com',
        replicas: 2,
        replicaSets: [
          {
            hash: '5b7d9f8c6',
            version: '1.8.0',
            revision: 11,
            pods: [{ kind: 'running' }, { kind: 'running' }],
          },
          {
            hash: '84c6f5d7b',
            version: '1.9.0',
            revision: 12,
            pods: [{ kind: 'imagePullBackOff' }],
          },
        ],
        hpa: { min: 2, max: 4, cpu: 22 },
      }),
    ]),
    prod: store([
      ...workload({
        cluster: 'prod',
        app: 'shop-backend',
        namespace: 'shop',
        port: 5000,
        host: 'api.shop.example.com',
        replicas: 3,
        replicaSets: [
          {
            hash: '6d8f7c9b5',
            version: '2.2.1',
            revision: 5,
            // The autoscaler asked for a third pod; the nodes are full.
            pods: [
              { kind: 'running' },
              { kind: 'running', restarts: 1 },
              { kind: 'pending', message: noUnschedulable },
            ],
          },
        ],
        hpa: { min: 2, max: 6, cpu: 84 },
      }),
      ...workload({
        cluster: 'prod',
        app: 'shop-web',
        namespace: 'shop',
        port: 8080,
        host: 'shop.example.com',
        replicas: 3,
        replicaSets: [
          {
            hash: '5b7d9f8c6',
            version: '1.8.0',
            revision: 9,
            pods: [
              { kind: 'running' },
              { kind: 'running' },
              { kind: 'running' },
            ],
          },
        ],
        hpa: { min: 3, max: 8, cpu: 41 },
      }),
    ]),
    ops: store([
      ...workload({
        cluster: 'ops',
        app: 'portal-backend',
        namespace: 'portal',
        port: 7007,
        host: 'portal.example.com',
        replicas: 2,
        replicaSets: [
          {
            hash: '9c7b5d8f4',
            version: '1.0.0',
            revision: 3,
            pods: [{ kind: 'running' }, { kind: 'running' }],
          },
        ],
        hpa: { min: 2, max: 4, cpu: 18 },
      }),
    ]),
  };
}
