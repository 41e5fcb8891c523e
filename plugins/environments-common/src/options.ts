/**
 * What the create form offers. The template's enums, the action's validation
 * and the Terraform module's validation blocks all list the same values
 * (checked by plugins/environments-node/src/environment/contract.test.ts).
 */
export const PURPOSES = ['dev', 'test', 'staging', 'prod'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const REGIONS = [
  'ap-northeast-2',
  'ap-northeast-1',
  'us-east-1',
  'us-west-2',
  'eu-central-1',
] as const;

export const KUBERNETES_VERSIONS = ['1.31', '1.32', '1.33'] as const;

export const INSTANCE_TYPES = [
  't3.medium',
  't3.large',
  'm6i.large',
  'm6i.xlarge',
  'c6i.xlarge',
  'r6i.large',
] as const;

export const ADD_ONS = [
  'cluster-autoscaler',
  'aws-load-balancer-controller',
  'external-dns',
  'monitoring',
  'argo-cd',
] as const;

export const MAX_NODES = 20;
export const MAX_TTL_DAYS = 90;
export const DEFAULT_TTL_DAYS = 7;
/** Purposes that must expire. */
export const EXPIRING_PURPOSES: readonly Purpose[] = ['dev', 'test'];

export type EnvironmentStatus =
  | 'provisioning'
  | 'ready'
  | 'failed'
  | 'destroying';
