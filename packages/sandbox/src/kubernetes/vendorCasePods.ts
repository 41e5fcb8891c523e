/*
 * Pods in the states `kubectl get pods` names beyond the example shop's:
 * init containers that crash, fail or still run, a pod being deleted, a
 * finished Job pod, an OOM-killed container, an evicted pod, a container
 * being created, and a meshed pod whose injected proxy is listed before the
 * service's container. Shaped as the v1 Pod API returns them
 * (`status.initContainerStatuses`, `status.containerStatuses`,
 * `metadata.deletionTimestamp`, `status.reason`).
 *
 * `KUBECTL_STATUS` is the STATUS column kubectl prints for each (its pod
 * printer reads the init containers first, then the containers, then
 * deletion).
 */
import { ago, store, withClock, type K8sObject } from './workloads.ts';

const ECR = '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com';
const APP = 'orders';

/** What kubectl shows in STATUS for each pod below. */
export const KUBECTL_STATUS: Record<string, string> = {
  'orders-init-crash': 'Init:CrashLoopBackOff',
  'orders-init-error': 'Init:Error',
  'orders-init-running': 'Init:1/2',
  'orders-terminating': 'Terminating',
  'orders-migrate-job': 'Completed',
  'orders-oom': 'OOMKilled',
  'orders-evicted': 'Evicted',
  'orders-creating': 'ContainerCreating',
  'orders-meshed': 'Running',
  'orders-crashloop-oom': 'CrashLoopBackOff',
};

type Status = Record<string, unknown>;

const running = (name: string, image: string) => ({
  name,
  image,
  imageID: `${image}@sha256:${'c3'.repeat(32)}`,
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: ago(20) } },
  lastState: {},
});
const waiting = (
  name: string,
  image: string,
  reason: string,
  restartCount = 0,
  message?: string,
) => ({
  name,
  image,
  imageID: '',
  ready: false,
  started: false,
  restartCount,
  state: { waiting: { reason, ...(message ? { message } : {}) } },
  lastState: {},
});
const terminated = (
  name: string,
  image: string,
  reason: string,
  exitCode: number,
) => ({
  name,
  image,
  imageID: `${image}@sha256:${'d4'.repeat(32)}`,
  ready: false,
  started: false,
  restartCount: 0,
  state: {
    terminated: { reason, exitCode, startedAt: ago(12), finishedAt: ago(11) },
  },
  lastState: {},
});
const condition = (type: string, value: boolean, reason?: string) => ({
  type,
  status: value ? 'True' : 'False',
  lastProbeTime: null,
  lastTransitionTime: ago(15),
  ...(reason ? { reason } : {}),
});

const image = `${ECR}/${APP}:5.0.1`;
const migrate = `${ECR}/${APP}-migrate:5.0.1`;
const wait = 'docker.io/library/busybox:1.37';
const proxy = 'docker.io/istio/proxyv2:1.24.2';
const initImage = (name: string) => {
  if (name === 'migrate') return migrate;
  return name.startsWith('istio') ? proxy : wait;
};

function pod(
  name: string,
  status: Status,
  options: {
    initContainers?: string[];
    containers?: Array<{ name: string; image: string }>;
    metadata?: Record<string, unknown>;
    restartPolicy?: string;
  } = {},
): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid: `0b1c2d3e-${name.length
        .toString(16)
        .padStart(4, '0')}-4f5a-8b6c-7d8e9f0a1b2c`,
      resourceVersion: '410001',
      creationTimestamp: ago(25),
      labels: { app: APP, 'backstage.io/kubernetes-id': APP },
      ...options.metadata,
    },
    spec: {
      initContainers: (options.initContainers ?? []).map(n => ({
        name: n,
        image: initImage(n),
      })),
      containers: options.containers ?? [{ name: APP, image }],
      restartPolicy: options.restartPolicy ?? 'Always',
      nodeName: 'ip-10-0-12-22.ap-northeast-2.compute.internal',
    },
    status: { startTime: ago(25), qosClass: 'Burstable', ...status },
  };
}

const initStatuses = (first: object, second?: object) => [
  first,
  second ?? waiting('wait-for-db', wait, 'PodInitializing'),
];

function pods(): K8sObject[] {
  const notInitialized = [
    condition('Initialized', false, 'ContainersNotInitialized'),
    condition('Ready', false, 'ContainersNotReady'),
    condition('PodScheduled', true),
  ];
  const appWaiting = [waiting(APP, image, 'PodInitializing')];
  return [
    pod(
      'orders-init-crash',
      {
        phase: 'Pending',
        conditions: notInitialized,
        initContainerStatuses: initStatuses({
          ...waiting(
            'migrate',
            migrate,
            'CrashLoopBackOff',
            7,
            'back-off 5m0s restarting failed container=migrate',
          ),
          lastState: {
            terminated: {
              reason: 'Error',
              exitCode: 1,
              startedAt: ago(6),
              finishedAt: ago(6),
            },
          },
        }),
        containerStatuses: appWaiting,
      },
      { initContainers: ['migrate', 'wait-for-db'] },
    ),
    pod(
      'orders-init-error',
      {
        phase: 'Pending',
        conditions: notInitialized,
        initContainerStatuses: initStatuses(
          terminated('migrate', migrate, 'Error', 2),
        ),
        containerStatuses: appWaiting,
      },
      { initContainers: ['migrate', 'wait-for-db'] },
    ),
    pod(
      'orders-init-running',
      {
        phase: 'Pending',
        conditions: notInitialized,
        initContainerStatuses: initStatuses(
          terminated('migrate', migrate, 'Completed', 0),
          {
            ...running('wait-for-db', wait),
            ready: false,
          },
        ),
        containerStatuses: appWaiting,
      },
      { initContainers: ['migrate', 'wait-for-db'] },
    ),
    pod(
      'orders-terminating',
      {
        phase: 'Running',
        conditions: [condition('Ready', true), condition('PodScheduled', true)],
        containerStatuses: [running(APP, image)],
      },
      {
        metadata: {
          deletionTimestamp: ago(-1),
          deletionGracePeriodSeconds: 30,
        },
      },
    ),
    pod(
      'orders-migrate-job',
      {
        phase: 'Succeeded',
        conditions: [condition('Ready', false, 'PodCompleted')],
        containerStatuses: [terminated('migrate', migrate, 'Completed', 0)],
      },
      {
        containers: [{ name: 'migrate', image: migrate }],
        restartPolicy: 'Never',
      },
    ),
    pod(
      'orders-oom',
      {
        phase: 'Failed',
        conditions: [condition('Ready', false, 'PodFailed')],
        containerStatuses: [terminated(APP, image, 'OOMKilled', 137)],
      },
      { restartPolicy: 'Never' },
    ),
    pod('orders-evicted', {
      phase: 'Failed',
      reason: 'Evicted',
      message:
        'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91344Ki. Container orders was using 801204Ki, request is 256Mi, has larger consumption of memory.',
      // Evicted before its container statuses were reported: kubectl shows
      // the pod's own reason. (With statuses, the container's reason wins.)
      conditions: [condition('DisruptionTarget', true, 'TerminationByKubelet')],
    }),
    pod('orders-creating', {
      phase: 'Pending',
      conditions: [
        condition('Initialized', true),
        condition('Ready', false, 'ContainersNotReady'),
        condition('PodScheduled', true),
      ],
      containerStatuses: [waiting(APP, image, 'ContainerCreating')],
    }),
    pod(
      'orders-meshed',
      {
        phase: 'Running',
        conditions: [
          condition('Initialized', true),
          condition('Ready', true),
          condition('PodScheduled', true),
        ],
        initContainerStatuses: [
          terminated('istio-init', proxy, 'Completed', 0),
        ],
        // The kubelet lists container statuses by name.
        containerStatuses: [running('istio-proxy', proxy), running(APP, image)],
      },
      {
        initContainers: ['istio-init'],
        containers: [
          { name: 'istio-proxy', image: proxy },
          { name: APP, image },
        ],
      },
    ),
    pod('orders-crashloop-oom', {
      phase: 'Running',
      conditions: [
        condition('Initialized', true),
        condition('Ready', false, 'ContainersNotReady'),
        condition('PodScheduled', true),
      ],
      containerStatuses: [
        {
          ...waiting(APP, image, 'CrashLoopBackOff', 5),
          lastState: {
            terminated: {
              reason: 'OOMKilled',
              exitCode: 137,
              startedAt: ago(3),
              finishedAt: ago(2),
            },
          },
        },
      ],
    }),
  ];
}

/** The pods above, built with `now` as their clock. */
export function vendorCasePods(
  options: { now?: () => Date } = {},
): K8sObject[] {
  return withClock(options.now, pods);
}

/** A cluster holding only those pods (with their events and metrics). */
export function vendorCaseCluster(options: { now?: () => Date } = {}) {
  return withClock(options.now, () => store(pods()));
}
