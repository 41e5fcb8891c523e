import type { Entity } from '@backstage/catalog-model';

/** The annotations plugins/scaffolder-backend-module-platform writes. */
export const ENVIRONMENT_ANNOTATIONS = {
  purpose: 'platform.acme.io/purpose',
  expiresAt: 'platform.acme.io/expires-at',
  status: 'platform.acme.io/status',
  lastRunUrl: 'platform.acme.io/last-run-url',
  region: 'platform.acme.io/region',
} as const;

/** An environment: a Resource of spec.type kubernetes-cluster. */
export const isEnvironment = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
  entity.spec?.type === 'kubernetes-cluster';
