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
} as const;

/**
 * The Resource types of environments: `kubernetes-cluster` for those the
 * Kubernetes plugin's catalog locator reaches (it reads that type only),
 * `environment` for the others (staging in catalog/environments.yaml).
 */
export const ENVIRONMENT_TYPES = ['kubernetes-cluster', 'environment'] as const;

/** Whether a Resource's spec.type is an environment's. */
export const isEnvironmentType = (type: unknown) =>
  (ENVIRONMENT_TYPES as readonly unknown[]).includes(type);

/** An environment: a Resource of one of the ENVIRONMENT_TYPES. */
export const isEnvironment = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
  isEnvironmentType(entity.spec?.type);
