/**
 * Inputs and outputs of the cost allocation of a shared EKS cluster: what
 * the cluster looked like each hour (from kube-state-metrics and cAdvisor),
 * what the environment was billed, and what each service was allocated.
 */

/** One worker node during one hour. */
export interface NodeHour {
  node: string;
  /** `node.kubernetes.io/instance-type`, e.g. m6i.large. */
  instanceType: string;
  /** From `eks.amazonaws.com/capacityType` or `karpenter.sh/capacity-type`. */
  capacityType: 'spot' | 'on-demand';
  cpuCores: number;
  memoryBytes: number;
}

/** One pod during one hour: requests and usage summed over its containers. */
export interface PodHour {
  namespace: string;
  pod: string;
  node: string;
  /** From `backstage.io/kubernetes-id`, else `app.kubernetes.io/name`. */
  service?: string;
  cpuRequestCores: number;
  cpuUsageCores: number;
  memoryRequestBytes: number;
  memoryUsageBytes: number;
  /** PersistentVolumeClaims (in the pod's namespace) the pod mounts. */
  claims: string[];
}

export interface ClaimHour {
  namespace: string;
  claim: string;
  bytes: number;
}

/** An Ingress (one AWS load balancer) and the service it serves. */
export interface IngressHour {
  namespace: string;
  ingress: string;
  service?: string;
}

export interface ClusterHour {
  /** `YYYY-MM-DDTHH` (UTC). */
  hour: string;
  nodes: NodeHour[];
  pods: PodHour[];
  claims: ClaimHour[];
  ingresses: IngressHour[];
}

/** An environment's cluster cost on one day, USD, by the AWS line it comes from. */
export interface ClusterBill {
  /** Amazon Elastic Compute Cloud - Compute (the nodes). */
  compute: number;
  /** EC2 - Other (EBS: node root volumes and persistent volumes). */
  storage: number;
  /** Amazon Elastic Kubernetes Service (the control plane). */
  controlPlane: number;
  /** Elastic Load Balancing. */
  loadBalancers: number;
}

/** How node cost is weighed and split, and which namespaces are shared. */
export interface AllocationSettings {
  /** On-demand USD per hour by instance type: the relative weight of a node. */
  instancePrices: Record<string, number>;
  /** A spot node's weight relative to on-demand of the same type. */
  spotFactor: number;
  /** USD per vCPU-hour and per GiB-hour: the CPU/memory split of a node. */
  cpuHourPrice: number;
  memoryGibHourPrice: number;
  /** Root volume of each node, GB (its EBS cost goes with the node). */
  rootVolumeGb: number;
  /** Namespaces whose pods are shared platform cost. */
  sharedNamespaces: string[];
}

export const DEFAULT_ALLOCATION_SETTINGS: AllocationSettings = {
  // us-east-1 / ap-northeast-2 on-demand list prices (relative weights only).
  instancePrices: {
    't3.medium': 0.052,
    't3.large': 0.104,
    'm5.large': 0.118,
    'm5.xlarge': 0.236,
    'm6i.large': 0.118,
    'm6i.xlarge': 0.236,
    'm6i.2xlarge': 0.472,
    'c6i.xlarge': 0.192,
    'r6i.large': 0.152,
  },
  spotFactor: 0.35,
  cpuHourPrice: 0.031611,
  memoryGibHourPrice: 0.004237,
  rootVolumeGb: 20,
  sharedNamespaces: ['kube-system', 'monitoring', 'argo', 'argocd'],
};

/** Where an allocation's figures come from. */
export type AllocationSource =
  /** Cluster metrics priced by the billed cost. */
  | 'metrics'
  /** Cluster metrics priced by the hourly estimate (day not billed yet). */
  | 'estimate'
  /** AWS split cost allocation data for EKS (`aws:eks:*` tags). */
  | 'aws-split-cost';

export interface ServiceDayAllocation {
  service: string;
  /** USD, cents exact. */
  allocated: number;
  cpuRequestCoreHours: number;
  cpuUsageCoreHours: number;
  memoryRequestGibHours: number;
  memoryUsageGibHours: number;
  /** USD that requests at the day's p95 usage would have saved. */
  rightsizingSaving: number;
}

/** One environment's day: sum(services) + shared + idle = billed, to the cent. */
export interface DayAllocation {
  billed: number;
  shared: number;
  idle: number;
  services: ServiceDayAllocation[];
}
