import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { DateTime } from 'luxon';
import {
  ADD_ONS,
  checkTtlDays,
  DEFAULT_TTL_POLICY,
  INSTANCE_TYPES,
  KUBERNETES_VERSIONS,
  MAX_NODES,
  MAX_TTL_DAYS,
  PURPOSES,
  Purpose,
  REGIONS,
  type TtlPolicy,
} from '@internal/plugin-environments-common';

/** A create request after validation: every value is known to be safe. */
export interface EnvironmentRequest {
  name: string;
  purpose: Purpose;
  owner: string;
  region: string;
  kubernetesVersion: string;
  instanceType: string;
  minNodes: number;
  desiredNodes: number;
  maxNodes: number;
  addOns: string[];
  /** ISO timestamp, absent for environments that do not expire. */
  expiresAt?: string;
}

/** Who asks, as the checks need it. */
export interface Requester {
  userRef: string;
  ownershipRefs: string[];
  isAdmin: boolean;
}

/** What the checks need to know about existing environments. */
export interface ExistingEnvironments {
  /** Names taken by environments (catalog and IaC repository) or other Resources. */
  takenNames: Set<string>;
  /** Groups that exist in the catalog. */
  groups: Set<string>;
}

/** A DNS label (RFC 1123) of at most 20 characters, starting with a letter. */
export const ENVIRONMENT_NAME_PATTERN = '^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$';
const NAME_RE = new RegExp(ENVIRONMENT_NAME_PATTERN);

/** Shows a hostile value safely in a message (control characters escaped). */
export function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const escaped = JSON.stringify(text ?? String(value));
  return escaped.length > 60 ? `${escaped.slice(0, 57)}…"` : escaped;
}

/** Problems with a name alone; an empty list means it is acceptable. */
export function nameProblems(name: unknown): string[] {
  if (typeof name !== 'string' || name.length === 0) {
    return ['name is required'];
  }
  if (name.length > 20) {
    return [
      `name ${show(name)} is ${
        name.length
      } characters long; at most 20 are allowed`,
    ];
  }
  if (!NAME_RE.test(name)) {
    // eslint-disable-next-line no-control-regex
    if (/[^\x20-\x7e]/.test(name)) {
      return [
        `name ${show(
          name,
        )} contains characters outside a-z, 0-9 and '-' (look-alike or control characters are not allowed)`,
      ];
    }
    return [
      `name ${show(
        name,
      )} must be a DNS label: lowercase letters, digits and '-', starting with a letter and not ending with '-'`,
    ];
  }
  return [];
}

/**
 * Problems with the git ref a pipeline builds: the IaC branch itself or a
 * commit id (what the publish step outputs), nothing else reaches Jenkins.
 */
export function gitRefProblems(gitRef: unknown, branch: string): string[] {
  if (gitRef === branch) return [];
  if (typeof gitRef === 'string' && /^[0-9a-f]{7,40}$/.test(gitRef)) return [];
  return [`gitRef ${show(gitRef)} must be a commit id or ${branch}`];
}

/**
 * Problems with a file path of an environment: exactly
 * `environments/{name}/{file}`, each segment of the file's path letters,
 * digits, `_`, `.` and `-`, not a dot segment, not ending in a dot. Nothing
 * is decoded, so no spelling of `..`, no separator and no escape gets through.
 */
export function environmentFileProblems(name: string, file: unknown): string[] {
  const prefix = `environments/${name}/`;
  if (
    nameProblems(name).length ||
    typeof file !== 'string' ||
    !file.startsWith(prefix)
  ) {
    return [`${show(file)} is not a file of environment ${show(name)}`];
  }
  const plain = (segment: string) =>
    /^[A-Za-z0-9_.-]{1,100}$/.test(segment) &&
    !/^\.+$/.test(segment) &&
    !segment.endsWith('.') &&
    !segment.startsWith('-');
  if (file.length > 500 || !file.slice(prefix.length).split('/').every(plain)) {
    return [`${show(file)} is not a plain file path inside ${prefix}`];
  }
  return [];
}

function oneOf(field: string, value: unknown, allowed: readonly string[]) {
  return typeof value === 'string' && allowed.includes(value)
    ? []
    : [`${field} ${show(value)} is not one of ${allowed.join(', ')}`];
}

function integer(field: string, value: unknown, min: number, max: number) {
  return typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= min &&
    value <= max
    ? []
    : [`${field} ${show(value)} must be a whole number from ${min} to ${max}`];
}

/**
 * Checks a create request completely before anything is committed or
 * triggered. Throws an InputError listing every problem.
 */
export function validateEnvironmentRequest(
  input: Record<string, unknown>,
  requester: Requester,
  existing: ExistingEnvironments,
  now: DateTime = DateTime.utc(),
  ttlPolicy: TtlPolicy = DEFAULT_TTL_POLICY,
): EnvironmentRequest {
  const problems: string[] = [];
  const name = input.name;
  const nameIssues = nameProblems(name);
  problems.push(...nameIssues);
  if (nameIssues.length === 0 && existing.takenNames.has(name as string)) {
    problems.push(
      `an environment or resource named ${show(name)} already exists`,
    );
  }

  problems.push(...oneOf('purpose', input.purpose, PURPOSES));
  if (input.purpose === 'prod' && !requester.isAdmin) {
    problems.push('only platform admins may create prod environments');
  }

  let owner: string | undefined;
  if (typeof input.owner !== 'string' || input.owner.length > 200) {
    problems.push(
      `owner ${show(
        input.owner,
      )} must be a group reference such as group:default/developers`,
    );
  } else {
    try {
      const ref = parseEntityRef(input.owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'group')
        throw new Error('not a group');
      owner = stringifyEntityRef(ref);
    } catch {
      problems.push(
        `owner ${show(
          input.owner,
        )} must be a group reference such as group:default/developers`,
      );
    }
    if (owner && !existing.groups.has(owner)) {
      problems.push(`owner group ${show(owner)} does not exist in the catalog`);
      owner = undefined;
    }
    if (
      owner &&
      !requester.isAdmin &&
      !requester.ownershipRefs.includes(owner)
    ) {
      problems.push(
        `you are not a member of ${owner}; choose one of your own groups`,
      );
    }
  }

  problems.push(...oneOf('region', input.region, REGIONS));
  problems.push(
    ...oneOf(
      'Kubernetes version',
      input.kubernetesVersion,
      KUBERNETES_VERSIONS,
    ),
  );
  problems.push(
    ...oneOf('node instance type', input.instanceType, INSTANCE_TYPES),
  );

  const counts = ['minNodes', 'desiredNodes', 'maxNodes'] as const;
  const countProblems = counts.flatMap(f =>
    integer(f, input[f], f === 'minNodes' ? 1 : 1, MAX_NODES),
  );
  problems.push(...countProblems);
  if (countProblems.length === 0) {
    const [min, desired, max] = counts.map(f => input[f] as number);
    if (!(min <= desired && desired <= max)) {
      problems.push(
        `node counts must satisfy min (${min}) <= desired (${desired}) <= max (${max})`,
      );
    }
  }

  const addOns = input.addOns ?? [];
  if (!Array.isArray(addOns)) {
    problems.push(`add-ons ${show(addOns)} must be a list`);
  } else {
    for (const a of addOns) problems.push(...oneOf('add-on', a, ADD_ONS));
    if (new Set(addOns).size !== addOns.length)
      problems.push('add-ons are listed twice');
  }

  let expiresAt: string | undefined;
  const ttl = input.ttlDays;
  const purpose = input.purpose as Purpose;
  const knownPurpose = (PURPOSES as readonly unknown[]).includes(purpose);
  if (ttl === undefined || ttl === null || ttl === '') {
    // The purpose's default (dev and test have one; staging and prod none).
    const days = knownPurpose ? ttlPolicy[purpose].defaultDays : undefined;
    if (days !== undefined) expiresAt = now.plus({ days }).toISO()!;
  } else {
    const ttlIssues = integer('time-to-live (days)', ttl, 1, MAX_TTL_DAYS);
    if (ttlIssues.length === 0 && knownPurpose) {
      try {
        checkTtlDays(ttlPolicy, purpose, ttl);
      } catch (error) {
        ttlIssues.push((error as Error).message);
      }
    }
    problems.push(...ttlIssues);
    if (ttlIssues.length === 0) {
      expiresAt = now.plus({ days: ttl as number }).toISO()!;
    }
  }

  if (problems.length > 0) {
    throw new InputError(`Environment request refused: ${problems.join('; ')}`);
  }
  return {
    name: name as string,
    purpose,
    owner: owner!,
    region: input.region as string,
    kubernetesVersion: input.kubernetesVersion as string,
    instanceType: input.instanceType as string,
    minNodes: input.minNodes as number,
    desiredNodes: input.desiredNodes as number,
    maxNodes: input.maxNodes as number,
    addOns: [...(addOns as string[])].sort(),
    expiresAt,
  };
}
