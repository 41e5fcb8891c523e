/**
 * What an environment's cluster is declared as in the IaC repository (the
 * Terraform variables the pipeline applies), with the links to the tools
 * that show it live. `GET /api/environments/environments/:name/cluster`.
 */
export interface EnvironmentCluster {
  name: string;
  /** EKS version, e.g. "1.31". */
  kubernetesVersion?: string;
  region?: string;
  /** The managed node group; absent when the variables name none. */
  nodeGroup?: {
    instanceType?: string;
    minNodes?: number;
    desiredNodes?: number;
    maxNodes?: number;
    /** Scaled to zero by a pause (`node_group_scale` 0). */
    paused: boolean;
  };
  /** Argo CD, Grafana and the Jenkins job of this environment, where configured. */
  links: { kind: 'argocd' | 'grafana' | 'jenkins'; url: string }[];
}

/** An environment's Terraform variables (`terraform.tfvars.json`), as parsed. */
export type TfVars = Record<string, unknown>;

const num = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The declared cluster of an environment's `terraform.tfvars.json`. */
export function clusterOfTfVars(
  name: string,
  vars: TfVars,
  links: EnvironmentCluster['links'],
): EnvironmentCluster {
  const instanceType = str(vars.instance_type);
  const minNodes = num(vars.min_nodes);
  const desiredNodes = num(vars.desired_nodes);
  const maxNodes = num(vars.max_nodes);
  const hasNodeGroup = [instanceType, minNodes, desiredNodes, maxNodes].some(
    v => v !== undefined,
  );
  return {
    name,
    kubernetesVersion: str(vars.kubernetes_version),
    region: str(vars.region),
    nodeGroup: hasNodeGroup
      ? {
          instanceType,
          minNodes,
          desiredNodes,
          maxNodes,
          paused: vars.node_group_scale === 0,
        }
      : undefined,
    links,
  };
}

/**
 * A link template's URL for one environment: `{name}` is replaced by the
 * environment's name, URL-encoded. Only http(s) URLs come out; anything
 * else is left out (undefined).
 */
export function environmentLink(
  template: string | undefined,
  name: string,
): string | undefined {
  if (!template) return undefined;
  const url = template.split('{name}').join(encodeURIComponent(name));
  try {
    const parsed = new URL(url);
    return ['http:', 'https:'].includes(parsed.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}
