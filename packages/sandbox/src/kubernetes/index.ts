export {
  CLUSTER_AUTH,
  SANDBOX_OPS_CLUSTER_TOKEN,
  createKubernetesServer,
  kubernetesStandIn,
  type ClusterAuth,
} from './KubernetesStandIn.ts';
export {
  KUBECTL_STATUS,
  vendorCaseCluster,
  vendorCasePods,
} from './vendorCasePods.ts';
export {
  exampleClusters,
  type ClusterStore,
  type K8sObject,
} from './workloads.ts';
