import type { EnvironmentRequest } from '@internal/plugin-environments-node';

const OWNER = 'group:default/platform-admins';
const REGION = 'ap-northeast-2';

/**
 * What the example environments of catalog/environments.yaml were created
 * with, as a create request would have asked: their Terraform and Ansible
 * variables are rendered from these, like a real environment's.
 */
const EXAMPLES: Record<string, Omit<EnvironmentRequest, 'name'>> = {
  'dev-a': {
    purpose: 'dev',
    owner: OWNER,
    region: REGION,
    kubernetesVersion: '1.31',
    instanceType: 't3.large',
    minNodes: 2,
    desiredNodes: 3,
    maxNodes: 5,
    addOns: ['cluster-autoscaler', 'monitoring', 'argo-cd'],
  },
  staging: {
    purpose: 'staging',
    owner: OWNER,
    region: REGION,
    kubernetesVersion: '1.31',
    instanceType: 'm6i.large',
    minNodes: 2,
    desiredNodes: 3,
    maxNodes: 6,
    addOns: [
      'cluster-autoscaler',
      'aws-load-balancer-controller',
      'monitoring',
      'argo-cd',
    ],
  },
  prod: {
    purpose: 'prod',
    owner: OWNER,
    region: REGION,
    kubernetesVersion: '1.31',
    instanceType: 'm6i.xlarge',
    minNodes: 3,
    desiredNodes: 4,
    maxNodes: 10,
    addOns: [
      'cluster-autoscaler',
      'aws-load-balancer-controller',
      'external-dns',
      'monitoring',
      'argo-cd',
    ],
  },
};

/** The request an example environment stands for; a small dev one for other names. */
export function exampleRequest(name: string): EnvironmentRequest {
  return {
    name,
    ...(EXAMPLES[name] ?? {
      ...EXAMPLES['dev-a'],
      instanceType: 't3.medium',
      minNodes: 1,
      desiredNodes: 2,
      maxNodes: 3,
    }),
  };
}
