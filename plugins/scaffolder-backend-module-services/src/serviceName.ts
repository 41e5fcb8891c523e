import { InputError } from '@backstage/errors';

/**
 * A service name is a DNS label (RFC 1123) short enough that every name
 * derived from it stays valid: Kubernetes objects and the Argo CD
 * Application carry it as is, the ingress host adds `.{environment}.{domain}`,
 * the ECR repository and the Jenkins job carry it too.
 */
export const SERVICE_NAME_PATTERN = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;
const SERVICE_NAME_MAX_LENGTH = 40;

/** Throws an InputError saying what is wrong with the name. */
export function assertServiceName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !SERVICE_NAME_PATTERN.test(name)) {
    throw new InputError(
      `Invalid service name ${JSON.stringify(
        name,
      )}: use 1-${SERVICE_NAME_MAX_LENGTH} lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen`,
    );
  }
}

/** An environment name: a DNS label of at most 20 characters (as the platform's). */
const ENVIRONMENT_NAME_PATTERN = /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/;

/** Throws an InputError unless the value is an environment name. */
export function assertEnvironmentName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !ENVIRONMENT_NAME_PATTERN.test(name)) {
    throw new InputError(
      `Invalid environment name ${JSON.stringify(
        name,
      )}: use 1-20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen`,
    );
  }
}
