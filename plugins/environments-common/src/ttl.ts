import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { MAX_TTL_DAYS, PURPOSES, type Purpose } from './options';

/** How long environments of one purpose live, in days. */
export interface PurposeTtl {
  /** Time to live of a new environment; undefined: it does not expire. */
  defaultDays?: number;
  /** The longest an expiry may be set from now; undefined: no maximum. */
  maxDays?: number;
}

export type TtlPolicy = Record<Purpose, PurposeTtl>;

/** The policy without `platform.environments.ttl`. */
export const DEFAULT_TTL_POLICY: TtlPolicy = {
  dev: { defaultDays: 7, maxDays: 30 },
  test: { defaultDays: 3, maxDays: 14 },
  staging: {},
  prod: {},
};

function days(config: Config, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `platform.environments.ttl.${key} must be a whole number of days, at least 1; got ${value}`,
    );
  }
  return value;
}

/**
 * Reads `platform.environments.ttl.<purpose>.{defaultDays,maxDays}`; a
 * purpose or key left out keeps its value of DEFAULT_TTL_POLICY. A default
 * above the maximum is a configuration error.
 */
export function readTtlPolicy(config?: Config): TtlPolicy {
  const root = config?.getOptionalConfig('platform.environments.ttl');
  const policy = { ...DEFAULT_TTL_POLICY };
  if (!root) return policy;
  for (const purpose of PURPOSES) {
    const c = root.getOptionalConfig(purpose);
    if (!c) continue;
    const base = DEFAULT_TTL_POLICY[purpose];
    const ttl: PurposeTtl = {
      defaultDays: c.has('defaultDays')
        ? days(c, 'defaultDays')
        : base.defaultDays,
      maxDays: c.has('maxDays') ? days(c, 'maxDays') : base.maxDays,
    };
    if (
      ttl.defaultDays !== undefined &&
      ttl.maxDays !== undefined &&
      ttl.defaultDays > ttl.maxDays
    ) {
      throw new InputError(
        `platform.environments.ttl.${purpose}: defaultDays (${ttl.defaultDays}) is above maxDays (${ttl.maxDays})`,
      );
    }
    policy[purpose] = ttl;
  }
  return policy;
}

function ttlOf(policy: TtlPolicy, purpose: string): PurposeTtl {
  return (policy as Record<string, PurposeTtl | undefined>)[purpose] ?? {};
}

/** Days a new environment of the purpose lives; undefined when it does not expire. */
export function defaultTtlDays(
  policy: TtlPolicy,
  purpose: string,
): number | undefined {
  return ttlOf(policy, purpose).defaultDays;
}

/**
 * The most days from now an expiry of the purpose may be set to: its
 * configured maximum, or MAX_TTL_DAYS when it has none.
 */
export function maxTtlDays(policy: TtlPolicy, purpose: string): number {
  return ttlOf(policy, purpose).maxDays ?? MAX_TTL_DAYS;
}

/**
 * Checks an expiry of `requestedDays` from now (a create's time to live or
 * an extension) for an environment of the purpose. Throws InputError with
 * the reason, e.g. "dev environments live at most 30 days; asked for 45".
 * Prod environments never expire.
 */
export function checkTtlDays(
  policy: TtlPolicy,
  purpose: string,
  requestedDays: unknown,
): number {
  if (purpose === 'prod') {
    throw new InputError(
      `prod environments do not expire; asked for ${String(requestedDays)} days`,
    );
  }
  if (
    typeof requestedDays !== 'number' ||
    !Number.isInteger(requestedDays) ||
    requestedDays < 1
  ) {
    throw new InputError(
      `the time to live must be a whole number of days, at least 1; asked for ${JSON.stringify(
        requestedDays,
      )}`,
    );
  }
  const max = maxTtlDays(policy, purpose);
  if (requestedDays > max) {
    throw new InputError(
      `${purpose} environments live at most ${max} days; asked for ${requestedDays}`,
    );
  }
  return requestedDays;
}
