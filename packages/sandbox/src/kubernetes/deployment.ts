/*
 * One Deployment with its ReplicaSets, Pods, Service, Ingress and
 * HorizontalPodAutoscaler; more than one ReplicaSet is a rollout halfway.
 */
import { ago, meta, type K8sObject } from './objects.ts';
import { ECR, pod, type WorkloadSpec } from './pods.ts';

export function workload(spec: WorkloadSpec): K8sObject[] {
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
