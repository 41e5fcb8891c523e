/**
 * The console log a run of infra/jenkins/environment.Jenkinsfile prints, as
 * Jenkins (Pipeline plugin), Terraform 1.9 and ansible-playbook format it.
 * The stand-in replays it line by line so clients see a log that grows.
 */
export interface BuildLogInput {
  jobName: string;
  number: number;
  parameters: Record<string, string>;
  result: string;
}

const addOns = [
  ['cluster-autoscaler', 'kube-system'],
  ['aws-load-balancer-controller', 'kube-system'],
  ['external-dns', 'kube-system'],
  ['kube-prometheus-stack', 'monitoring'],
  ['grafana', 'monitoring'],
  ['argo-cd', 'argo'],
];

export function buildLogLines(input: BuildLogInput): string[] {
  const env = input.parameters.ENV_NAME ?? 'unknown';
  const action = input.parameters.ACTION ?? 'apply';
  const ref = input.parameters.GIT_REF ?? 'main';
  const failed = input.result === 'FAILURE';
  const lines = [
    'Started by user portal',
    `Obtained infra/jenkins/environment.Jenkinsfile from git ${ref}`,
    '[Pipeline] Start of Pipeline',
    '[Pipeline] node',
    `Running on agent-1 in /var/lib/jenkins/workspace/${input.jobName.replace(
      /\//g,
      '_',
    )}`,
    '[Pipeline] { (checkout)',
    `Checking out Revision ${ref} (detached)`,
    ` > git checkout -f ${ref} # timeout=10`,
    '[Pipeline] }',
    '[Pipeline] { (terraform init)',
    `+ terraform init -input=false -backend-config=key=environments/${env}/terraform.tfstate`,
    'Initializing the backend...',
    '',
    'Successfully configured the backend "s3"! Terraform will automatically',
    'use this backend unless the backend configuration changes.',
    'Initializing modules...',
    '- eks_environment in ../modules/eks-environment',
    'Initializing provider plugins...',
    '- Installing hashicorp/aws v5.74.0...',
    '- Installed hashicorp/aws v5.74.0 (signed by HashiCorp)',
    '- Installing hashicorp/tls v4.0.6...',
    '- Installed hashicorp/tls v4.0.6 (signed by HashiCorp)',
    'Terraform has been successfully initialized!',
    '[Pipeline] }',
  ];
  const resources = [
    `module.eks_environment.aws_iam_role.cluster`,
    `module.eks_environment.aws_eks_cluster.this`,
    `module.eks_environment.aws_iam_openid_connect_provider.this`,
    `module.eks_environment.aws_iam_role.node`,
    `module.eks_environment.aws_eks_node_group.default`,
    `module.eks_environment.aws_iam_role.irsa["cluster-autoscaler"]`,
    `module.eks_environment.aws_iam_role.irsa["aws-load-balancer-controller"]`,
    `module.eks_environment.aws_iam_role.irsa["external-dns"]`,
    `module.eks_environment.aws_iam_role.irsa["ebs-csi"]`,
    `module.eks_environment.aws_eks_addon.ebs_csi`,
  ];
  if (action === 'destroy') {
    lines.push(
      '[Pipeline] { (terraform destroy)',
      `+ terraform destroy -input=false -auto-approve -var-file=environments/${env}/terraform.tfvars.json`,
      `module.eks_environment.data.aws_vpc.selected: Reading...`,
      `module.eks_environment.data.aws_vpc.selected: Read complete after 1s [id=vpc-0a1b2c3d4e5f60718]`,
      `Plan: 0 to add, 0 to change, ${resources.length} to destroy.`,
    );
    for (const r of [...resources].reverse()) {
      lines.push(`${r}: Destroying...`, `${r}: Destruction complete after 12s`);
      if (failed && r.includes('node_group')) {
        lines.push(
          '',
          `Error: deleting EKS Node Group (${env}:default): operation error EKS: DeleteNodegroup, ResourceInUseException: Nodegroup is in use`,
        );
        return finish(lines, input.result);
      }
    }
    lines.push(
      `Destroy complete! Resources: ${resources.length} destroyed.`,
      '[Pipeline] }',
    );
    return finish(lines, input.result);
  }
  lines.push(
    '[Pipeline] { (terraform plan)',
    `+ terraform plan -input=false -out=tfplan -var-file=environments/${env}/terraform.tfvars.json`,
    `module.eks_environment.data.aws_vpc.selected: Reading...`,
    `module.eks_environment.data.aws_vpc.selected: Read complete after 1s [id=vpc-0a1b2c3d4e5f60718]`,
    `module.eks_environment.data.aws_subnets.private: Read complete after 0s [id=ap-northeast-2]`,
    '',
    'Terraform used the selected providers to generate the following execution',
    'plan. Resource actions are indicated with the following symbols:',
    '  + create',
    ...resources.map(r => `  # ${r} will be created`),
    `Plan: ${resources.length} to add, 0 to change, 0 to destroy.`,
    '[Pipeline] }',
    '[Pipeline] { (terraform apply)',
    '+ terraform apply -input=false tfplan',
  );
  for (const r of resources) {
    lines.push(`${r}: Creating...`);
    if (r.endsWith('aws_eks_cluster.this')) {
      lines.push(
        `${r}: Still creating... [10s elapsed]`,
        `${r}: Still creating... [20s elapsed]`,
      );
    }
    if (failed && r.endsWith('aws_eks_node_group.default')) {
      lines.push(
        '',
        `Error: waiting for EKS Node Group (${env}:default) create: unexpected state 'CREATE_FAILED', wanted target 'ACTIVE'. last error: i-0f1e2d3c4b5a69788: NodeCreationFailure: Instances failed to join the kubernetes cluster`,
        '',
        '  with module.eks_environment.aws_eks_node_group.default,',
        '  on ../modules/eks-environment/main.tf line 88, in resource "aws_eks_node_group" "default":',
      );
      return finish(lines, input.result);
    }
    lines.push(`${r}: Creation complete after 9s`);
  }
  lines.push(
    `Apply complete! Resources: ${resources.length} added, 0 changed, 0 destroyed.`,
    '[Pipeline] }',
    '[Pipeline] { (kubeconfig)',
    `+ aws eks update-kubeconfig --name ${env} --kubeconfig ${env}.kubeconfig`,
    `Added new context arn:aws:eks:ap-northeast-2:123456789012:cluster/${env} to ${env}.kubeconfig`,
    // The Jenkinsfile prints the cluster's endpoint for the portal to record.
    `portal-output: ${JSON.stringify({
      apiServer: `https://${clusterId(
        env,
      )}.gr7.ap-northeast-2.eks.amazonaws.com`,
      caData: Buffer.from(
        `-----BEGIN CERTIFICATE-----\nsandbox CA for ${env}\n-----END CERTIFICATE-----\n`,
      ).toString('base64'),
    })}`,
    '[Pipeline] }',
    '[Pipeline] { (ansible)',
    `+ ansible-playbook infra/ansible/cluster-addons.yml -e @environments/${env}/ansible-vars.yaml -e @/var/lib/jenkins/workspace/${input.jobName.replace(
      /\//g,
      '_',
    )}/irsa-roles.json`,
    '',
    'PLAY [Install cluster add-ons] *************************************************',
  );
  for (const [chart, ns] of addOns) {
    lines.push(
      '',
      `TASK [${chart} : Install ${chart} into ${ns}] ***`,
      `changed: [localhost]`,
    );
  }
  lines.push(
    '',
    'PLAY RECAP *********************************************************************',
    `localhost                  : ok=${addOns.length * 2} changed=${
      addOns.length
    }    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0`,
    '[Pipeline] }',
  );
  return finish(lines, input.result);
}

/** EKS endpoints carry a 32-hex-digit id. */
function clusterId(env: string) {
  let h = 0;
  for (const c of env) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(4).toUpperCase();
}

function finish(lines: string[], result: string): string[] {
  lines.push(
    '[Pipeline] { (Declarative: Post Actions)',
    '+ curl -fsS -X POST -H "X-Portal-Signature: sha256=…" "$PORTAL_WEBHOOK_URL"',
    '[Pipeline] }',
    '[Pipeline] End of Pipeline',
  );
  if (result === 'FAILURE') {
    lines.push('ERROR: script returned exit code 1');
  }
  lines.push(`Finished: ${result}`);
  return lines;
}
