/*
 * The Kubernetes objects the stand-in clusters hold: the example shop's
 * workloads, shaped like what `kubectl get -o json` returns from an EKS
 * cluster, in the states a developer needs to recognise on the service page
 * (Running, CrashLoopBackOff, ImagePullBackOff, Pending, a rollout halfway).
 */
import { withClock } from './objects.ts';
import { workload } from './deployment.ts';
import { store, type ClusterStore } from './store.ts';

export {
  ago,
  resourceKey,
  withClock,
  type K8sObject,
  type ResourceKey,
} from './objects.ts';
export { store, type ClusterStore } from './store.ts';

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
