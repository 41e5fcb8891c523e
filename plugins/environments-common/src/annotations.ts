import type { Entity } from '@backstage/catalog-model';

/** The annotations the environments backend writes on an environment's catalog entity. */
export const ENVIRONMENT_ANNOTATIONS = {
  purpose: 'platform.acme.io/purpose',
  expiresAt: 'platform.acme.io/expires-at',
  status: 'platform.acme.io/status',
  lastRunUrl: 'platform.acme.io/last-run-url',
  region: 'platform.acme.io/region',
  /** The expiry warning window the owners were last told of (day or hour). */
  expiryNotified: 'platform.acme.io/expiry-notified',
  /** The environment's cost in the cost plugin (its AWS tag value). */
  costEnvironment: 'cost-uptime.io/environment',
  /** The create form's monthly estimate, JSON, committed with the request. */
  estimate: 'platform.acme.io/estimate',
} as const;

/** The one Resource type of every environment. */
export const ENVIRONMENT_TYPE = 'environment';

/**
 * The Resource types of environments (one): kept as a list for the readers
 * that filter the catalog by a set of types.
 */
export const ENVIRONMENT_TYPES = [ENVIRONMENT_TYPE] as const;

/**
 * The catalog namespace of the environments' cluster Resources. The
 * Kubernetes plugin's catalog locator reads `kubernetes-cluster` Resources
 * and names each cluster after the entity's `metadata.name` (namespace
 * ignored), so `resource:cluster/dev-a` is the cluster `dev-a`, the same name
 * as the environment `resource:default/dev-a` and its Argo CD instance.
 */
export const CLUSTER_NAMESPACE = 'cluster';

/** The Resource type the Kubernetes plugin's catalog cluster locator reads. */
export const CLUSTER_TYPE = 'kubernetes-cluster';

/** Whether a Resource's spec.type is an environment's. */
export const isEnvironmentType = (type: unknown) => type === ENVIRONMENT_TYPE;

/** An environment: a Resource of the environment type. */
export const isEnvironment = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
  isEnvironmentType(entity.spec?.type);

/** The ref of an environment's cluster Resource, `resource:cluster/<name>`. */
export const clusterEntityRef = (name: string) =>
  `resource:${CLUSTER_NAMESPACE}/${name}`;

const isKubernetesAnnotation = (key: string) =>
  key.startsWith('kubernetes.io/');

/**
 * Splits an environment entity as written in the IaC repository (one
 * Resource carrying the `kubernetes.io/*` annotations of its cluster) into
 * the environment (`spec.type: environment`, `dependsOn` its cluster) and
 * the cluster Resource the Kubernetes plugin reads. Without any
 * `kubernetes.io/*` annotation there is no cluster Resource.
 */
export function splitEnvironmentEntity(entity: Entity): {
  environment: Entity;
  cluster?: Entity;
} {
  const annotations = entity.metadata.annotations ?? {};
  const kubernetes = Object.fromEntries(
    Object.entries(annotations).filter(([k]) => isKubernetesAnnotation(k)),
  );
  const own = Object.fromEntries(
    Object.entries(annotations).filter(([k]) => !isKubernetesAnnotation(k)),
  );
  const name = entity.metadata.name;
  const spec = { ...entity.spec, type: ENVIRONMENT_TYPE };
  if (Object.keys(kubernetes).length === 0) {
    return {
      environment: { ...entity, metadata: { ...entity.metadata }, spec },
    };
  }
  const dependsOn = [
    ...((entity.spec?.dependsOn as string[] | undefined) ?? []),
  ].filter(ref => ref !== clusterEntityRef(name));
  dependsOn.push(clusterEntityRef(name));
  const environment: Entity = {
    ...entity,
    metadata: { ...entity.metadata, annotations: own },
    spec: { ...spec, dependsOn },
  };
  const cluster: Entity = {
    apiVersion: entity.apiVersion,
    kind: 'Resource',
    metadata: {
      name,
      namespace: CLUSTER_NAMESPACE,
      title: `${name} (EKS cluster)`,
      description: `The EKS cluster of environment ${name}.`,
      tags: ['eks'],
      annotations: kubernetes,
    },
    spec: {
      type: CLUSTER_TYPE,
      owner: entity.spec?.owner,
      ...(entity.spec?.system ? { system: entity.spec.system } : {}),
    },
  };
  return { environment, cluster };
}
