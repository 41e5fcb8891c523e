import { createKubernetesServer } from './KubernetesStandIn';
import {
  KUBECTL_STATUS,
  vendorCaseCluster,
  vendorCasePods,
} from './vendorCasePods';
import { exampleClusters, resourceKey } from './workloads';
import { serveDuringTests } from '../testing';

const NOW = new Date('2026-11-25T10:00:00Z');

describe('Kubernetes stand-in, pods in every state kubectl names', () => {
  const kubernetes = serveDuringTests(() =>
    createKubernetesServer({ ops: vendorCaseCluster({ now: () => NOW }) }),
  );

  it('serves every case, with init container statuses', async () => {
    const list = await (
      await fetch(
        `${kubernetes.base}/clusters/ops/api/v1/namespaces/shop/pods`,
        {
          headers: { Authorization: 'Bearer sandbox-ops-cluster-token' },
        },
      )
    ).json();
    expect(list.items.map((p: any) => p.metadata.name).sort()).toEqual(
      Object.keys(KUBECTL_STATUS).sort(),
    );
    const crash = list.items.find(
      (p: any) => p.metadata.name === 'orders-init-crash',
    );
    expect(crash.status.initContainerStatuses[0].state.waiting.reason).toBe(
      'CrashLoopBackOff',
    );
    // What the portal read before: the app container waits for the init ones.
    expect(crash.status.containerStatuses[0].state.waiting.reason).toBe(
      'PodInitializing',
    );
    const terminating = list.items.find(
      (p: any) => p.metadata.name === 'orders-terminating',
    );
    expect(terminating.metadata.deletionTimestamp).toBe('2026-11-25T10:01:00Z');
  });

  it('dates pods and the example clusters from the given clock', () => {
    const pod = vendorCasePods({ now: () => NOW })[0];
    expect(pod.metadata.creationTimestamp).toBe('2026-11-25T09:35:00Z');
    const cluster = exampleClusters({ now: () => NOW })['dev-a'];
    const pods = cluster.get(resourceKey('', 'v1', 'pods'))!;
    expect(pods[0].metadata.creationTimestamp).toMatch(/^2026-11-25T09:/);
    // Without a clock, today.
    const today = new Date().toISOString().slice(0, 10);
    expect(vendorCasePods()[0].metadata.creationTimestamp.slice(0, 10)).toBe(
      today,
    );
  });
});
