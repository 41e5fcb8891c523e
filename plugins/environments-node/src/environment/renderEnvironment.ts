import { stringify } from 'yaml';
import { EnvironmentRequest } from './EnvironmentRequest';
import {
  ENVIRONMENT_ANNOTATIONS as ANNOTATIONS,
  EnvironmentStatus,
  estimateMonthlyCost,
  type Pricing,
} from '@internal/plugin-environments-common';

/** Where an environment's files live in the IaC repository. */
export function environmentDir(name: string) {
  return `environments/${name}`;
}

export const TFVARS_FILE = 'terraform.tfvars.json';
export const ANSIBLE_VARS_FILE = 'ansible-vars.yaml';
export const CATALOG_INFO_FILE = 'catalog-info.yaml';

/** The entity ref an environment gets in the catalog. */
export function environmentEntityRef(name: string) {
  return `resource:default/${name}`;
}

/**
 * Terraform variables for infra/terraform/environments (which passes them to
 * the eks-environment module). JSON, so no value is ever spliced into HCL.
 * Its keys are exactly the module's variables (contract.test.ts).
 */
function renderTfvars(req: EnvironmentRequest, vpcName: string) {
  return {
    environment_name: req.name,
    purpose: req.purpose,
    owner: req.owner,
    entity_ref: environmentEntityRef(req.name),
    region: req.region,
    vpc_name: vpcName,
    kubernetes_version: req.kubernetesVersion,
    instance_type: req.instanceType,
    min_nodes: req.minNodes,
    desired_nodes: req.desiredNodes,
    max_nodes: req.maxNodes,
    addons: req.addOns,
    expires_at: req.expiresAt ?? '',
    // 0 while paused (environments-backend's pause commits it).
    node_group_scale: 1,
  };
}

/** Variables for infra/ansible/cluster-addons.yml. Secrets are not here: they come from the environment or Vault. */
function renderAnsibleVars(req: EnvironmentRequest) {
  const has = (a: string) => req.addOns.includes(a);
  return {
    environment_name: req.name,
    cluster_name: req.name,
    aws_region: req.region,
    install_cluster_autoscaler: has('cluster-autoscaler'),
    install_aws_load_balancer_controller: has('aws-load-balancer-controller'),
    install_external_dns: has('external-dns'),
    install_monitoring: has('monitoring'),
    install_argo_cd: has('argo-cd'),
  };
}

function renderCatalogInfo(
  req: EnvironmentRequest,
  options: { status: EnvironmentStatus; accountId: string; pricing?: Pricing },
) {
  const annotations: Record<string, string> = {
    [ANNOTATIONS.purpose]: req.purpose,
    [ANNOTATIONS.status]: options.status,
    [ANNOTATIONS.region]: req.region,
    [ANNOTATIONS.costEnvironment]: req.name,
    // The catalog module turns these into the environment's
    // `kubernetes-cluster` Resource (splitEnvironmentEntity), which the
    // Kubernetes plugin's catalog cluster locator reads (EKS: auth
    // provider `aws`, the role to assume, the cluster name). The API server
    // URL and CA are only known after terraform apply; the pipeline step
    // adds them from the build's output.
    'kubernetes.io/auth-provider': 'aws',
    'kubernetes.io/x-k8s-aws-id': req.name,
    'kubernetes.io/aws-assume-role': `arn:aws:iam::${options.accountId}:role/backstage-read-${req.name}`,
  };
  if (req.expiresAt) annotations[ANNOTATIONS.expiresAt] = req.expiresAt;
  // The estimate the requester saw, kept to compare with the first bills.
  const estimate = options.pricing && estimateMonthlyCost(req, options.pricing);
  if (estimate) annotations[ANNOTATIONS.estimate] = JSON.stringify(estimate);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: req.name,
      title: `${req.name} (${req.purpose}, ${req.region})`,
      description: `EKS ${req.kubernetesVersion} environment, ${req.minNodes}-${req.maxNodes} x ${req.instanceType}; created from the portal.`,
      tags: ['eks', req.purpose],
      annotations,
    },
    spec: {
      type: 'environment',
      owner: req.owner,
      lifecycle: req.purpose === 'prod' ? 'production' : 'experimental',
    },
  };
}

/** Every file of an environment, path (in the IaC repository) to content. */
export function renderEnvironmentFiles(
  req: EnvironmentRequest,
  options: { vpcName: string; accountId: string; pricing?: Pricing },
): Record<string, string> {
  const dir = environmentDir(req.name);
  return {
    [`${dir}/${TFVARS_FILE}`]: `${JSON.stringify(
      renderTfvars(req, options.vpcName),
      null,
      2,
    )}\n`,
    [`${dir}/${ANSIBLE_VARS_FILE}`]: `# Written by the portal; secrets come from the environment or Vault.\n${stringify(
      renderAnsibleVars(req),
    )}`,
    [`${dir}/${CATALOG_INFO_FILE}`]: stringify(
      renderCatalogInfo(req, {
        status: 'provisioning',
        accountId: options.accountId,
        pricing: options.pricing,
      }),
    ),
  };
}
