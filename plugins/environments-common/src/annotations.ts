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

/** An environment: a Resource of spec.type kubernetes-cluster. */
export const isEnvironment = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
  entity.spec?.type === 'kubernetes-cluster';
