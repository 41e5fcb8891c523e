/**
 * What the environments frontend and backend share: the annotations on an
 * environment's catalog entity, the choices a create request offers, and
 * the permissions, and the create form's monthly cost estimate (the form
 * shows it, the agents' dry run returns it).
 *
 * @packageDocumentation
 */
export {
  CLUSTER_NAMESPACE,
  CLUSTER_TYPE,
  clusterEntityRef,
  ENVIRONMENT_ANNOTATIONS,
  ENVIRONMENT_TYPE,
  ENVIRONMENT_TYPES,
  isEnvironment,
  isEnvironmentType,
  splitEnvironmentEntity,
} from './annotations';
export {
  ADD_ONS,
  DEFAULT_TTL_DAYS,
  EXPIRING_PURPOSES,
  INSTANCE_TYPES,
  KUBERNETES_VERSIONS,
  MAX_NODES,
  MAX_TTL_DAYS,
  PURPOSES,
  REGIONS,
  type EnvironmentStatus,
  type Purpose,
} from './options';
export {
  environmentExpiryExtendPermission,
  environmentPausePermission,
  environmentPermissions,
  environmentReadPermission,
  environmentRunRecordPermission,
} from './permissions';
export {
  canTransition,
  ENVIRONMENT_OPERATIONS,
  ENVIRONMENT_STATES,
  type EnvironmentHistory,
  type EnvironmentOperation,
  type EnvironmentRun,
  type EnvironmentRunLog,
  type EnvironmentState,
} from './lifecycle';
export {
  DEFAULT_PRICING,
  estimateMonthlyCost,
  readPricing,
  type CostEstimate,
  type EnvironmentChoices,
  type Pricing,
} from './estimate';
export { pausedMonthlyCost, type PausedCost } from './pausedCost';
export {
  compareEstimateWithBill,
  ESTIMATE_CHECK_DAYS,
  ESTIMATE_TOLERANCE,
  type BilledWindow,
  type EstimateVsBill,
  type GapCause,
} from './estimateVsBill';
export {
  AWS_COMPUTE_SERVICE,
  AWS_VOLUMES_SERVICE,
  billedWindowOf,
  estimateCheck,
  estimateCheckWindow,
  isCheckDue,
  readStoredEstimate,
  type DailyServiceCost,
  type EstimateCheck,
  type EstimateCheckWindow,
} from './estimateCheck';
export {
  clusterOfTfVars,
  environmentLink,
  type EnvironmentCluster,
  type TfVars,
} from './cluster';
export {
  checkTtlDays,
  DEFAULT_TTL_POLICY,
  maxTtlDays,
  readTtlPolicy,
  type PurposeTtl,
  type TtlPolicy,
} from './ttl';
