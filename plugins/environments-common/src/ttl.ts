import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { MAX_TTL_DAYS, PURPOSES, type Purpose } from './options';

/**
 * How long an environment of one purpose lives: the time-to-live a create
 * request gets when it names none, and the most a create request or an
 * extension may ask for. Absent: no default (the environment does not
 * expire unless asked) and no limit beyond MAX_TTL_DAYS.
 */
export interface PurposeTtl {
  defaultDays?: number;
  maxDays?: number;
}

export type TtlPolicy = Record<Purpose, PurposeTtl>;

/** Used where `platform.environments.ttl.<purpose>` is not configured. */
export const DEFAULT_TTL_POLICY: TtlPolicy = {
  dev: { defaultDays: 7, maxDays: 30 },
  test: { defaultDays: 3, maxDays: 14 },
  staging: {},
  prod: {},
};

function days(config: Config, key: string): number | undefined {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > MAX_TTL_DAYS) {
    throw new InputError(
      `platform.environments.ttl: ${key} must be a whole number of days from 1 to ${MAX_TTL_DAYS}, not ${value}`,
    );
  }
  return value;
}

/**
 * Reads `platform.environments.ttl.<purpose>.{defaultDays,maxDays}`; a
 * purpose (or key) left out keeps its DEFAULT_TTL_POLICY value. Throws
 * InputError for a value that is not 1..MAX_TTL_DAYS or a default above
 * the maximum.
 */
export function readTtlPolicy(config?: Config): TtlPolicy {
  const root = config?.getOptionalConfig('platform.environments.ttl');
  const policy = { ...DEFAULT_TTL_POLICY };
  if (!root) return policy;
  for (const purpose of PURPOSES) {
    const c = root.getOptionalConfig(purpose);
    if (!c) continue;
    const d = DEFAULT_TTL_POLICY[purpose];
    const ttl: PurposeTtl = {
      defaultDays: c.has('defaultDays')
        ? days(c, 'defaultDays')
        : d.defaultDays,
      maxDays: c.has('maxDays') ? days(c, 'maxDays') : d.maxDays,
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

/** The most days an environment of this purpose may be given. */
export function maxTtlDays(policy: TtlPolicy, purpose: string): number {
  return policy[purpose as Purpose]?.maxDays ?? MAX_TTL_DAYS;
}

/**
 * Checks a requested time-to-live (a create request's, or an extension's:
 * both count whole days from now) against the purpose's maximum. Throws
 * InputError with the reason, e.g. "dev environments live at most 30
 * days; asked for 45".
 */
export function checkTtlDays(
  policy: TtlPolicy,
  purpose: string,
  requested: unknown,
): number {
  if (
    typeof requested !== 'number' ||
    !Number.isInteger(requested) ||
    requested < 1
  ) {
    throw new InputError(
      `time-to-live must be a whole number of days, at least 1; asked for ${JSON.stringify(
        requested,
      )}`,
    );
  }
  const max = maxTtlDays(policy, purpose);
  if (requested > max) {
    throw new InputError(
      `${purpose} environments live at most ${max} days; asked for ${requested}`,
    );
  }
  return requested;
}
