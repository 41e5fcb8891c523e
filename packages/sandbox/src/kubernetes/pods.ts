/*
 * The Pods of one ReplicaSet, shaped like what `kubectl get -o json`
 * returns from an EKS cluster: Running, CrashLoopBackOff, ImagePullBackOff
 * or Pending.
 */
import { ago, meta, type K8sObject } from './objects.ts';

export const ECR = '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com';

export type PodState =
  | { kind: 'running'; restarts?: number }
  | { kind: 'crashLoop'; restarts: number }
  | { kind: 'imagePullBackOff' }
  | { kind: 'pending'; message: string };

export type ReplicaSetSpec = {
  hash: string;
  version: string;
  revision: number;
  pods: PodState[];
};

export type WorkloadSpec = {
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

export function pod(
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
  /** A scheduled pod's status: its one container ready, or not for `notReady`. */
  const onNode = (
    phase: string,
    notReady: Record<string, string> | undefined,
    containerStatus: {
      imageID: string;
      restartCount: number;
      state: Record<string, unknown>;
      lastState: Record<string, unknown>;
    },
  ) => ({
    phase,
    conditions: [
      condition('Initialized', 'True'),
      condition('Ready', notReady ? 'False' : 'True', notReady),
      condition('ContainersReady', notReady ? 'False' : 'True', notReady),
      condition('PodScheduled', 'True'),
    ],
    hostIP: `10.0.${10 + index}.${20 + index}`,
    podIP: `10.0.${100 + index}.${40 + index}`,
    startTime: started,
    containerStatuses: [
      {
        name: spec.app,
        image,
        imageID: containerStatus.imageID,
        ready: !notReady,
        started: !notReady,
        restartCount: containerStatus.restartCount,
        state: containerStatus.state,
        lastState: containerStatus.lastState,
      },
    ],
  });
  const unready = { reason: 'ContainersNotReady' };
  switch (state.kind) {
    case 'running':
      return {
        ...base,
        status: onNode('Running', undefined, {
          imageID: `${image}@sha256:${'a1'.repeat(32)}`,
          restartCount: state.restarts ?? 0,
          state: { running: { startedAt: started } },
          lastState: {},
        }),
      };
    case 'crashLoop':
      return {
        ...base,
        status: onNode(
          'Running',
          {
            ...unready,
            message: `containers with unready status: [${spec.app}]`,
          },
          {
            imageID: `${image}@sha256:${'b2'.repeat(32)}`,
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
        ),
      };
    case 'imagePullBackOff':
      return {
        ...base,
        status: onNode('Pending', unready, {
          imageID: '',
          restartCount: 0,
          state: {
            waiting: {
              reason: 'ImagePullBackOff',
              message: `Back-off pulling image "${image}"`,
            },
          },
          lastState: {},
        }),
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
