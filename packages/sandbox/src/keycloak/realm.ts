import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The parts of a Keycloak realm export (infra/keycloak/realm-platform.json)
 * the stand-in serves. Field names are Keycloak's RealmRepresentation.
 */
export interface RealmGroup {
  id: string;
  name: string;
  path: string;
  attributes?: Record<string, string[]>;
  subGroups?: RealmGroup[];
}

export interface RealmUser {
  id: string;
  username: string;
  enabled: boolean;
  email?: string;
  emailVerified?: boolean;
  firstName?: string;
  lastName?: string;
  credentials?: { type: string; value: string; temporary?: boolean }[];
  /** Group paths, e.g. `/developers`. */
  groups?: string[];
  serviceAccountClientId?: string;
  clientRoles?: Record<string, string[]>;
}

export interface RealmClient {
  clientId: string;
  enabled: boolean;
  publicClient?: boolean;
  secret?: string;
  redirectUris?: string[];
  standardFlowEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  /** E.g. `post.logout.redirect.uris`: URIs separated by `##`. */
  attributes?: Record<string, string>;
}

export interface RealmExport {
  realm: string;
  displayName?: string;
  groups: RealmGroup[];
  users: RealmUser[];
  clients: RealmClient[];
}

const DEFAULT_REALM_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../infra/keycloak/realm-platform.json',
);

export function loadRealm(file: string = DEFAULT_REALM_FILE): RealmExport {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RealmExport;
}

/** Every group, sub-groups included, depth first. */
export function allGroups(realm: RealmExport): RealmGroup[] {
  const out: RealmGroup[] = [];
  const visit = (g: RealmGroup) => {
    out.push(g);
    (g.subGroups ?? []).forEach(visit);
  };
  realm.groups.forEach(visit);
  return out;
}

/** People, not service accounts (Keycloak's admin API lists them apart). */
export function people(realm: RealmExport): RealmUser[] {
  return realm.users.filter(u => !u.serviceAccountClientId);
}

export function userGroups(realm: RealmExport, user: RealmUser): RealmGroup[] {
  const paths = new Set(user.groups ?? []);
  return allGroups(realm).filter(g => paths.has(g.path));
}

export function groupMembers(
  realm: RealmExport,
  group: RealmGroup,
): RealmUser[] {
  return people(realm).filter(u => (u.groups ?? []).includes(group.path));
}

export function checkPassword(user: RealmUser, password: string): boolean {
  return (user.credentials ?? []).some(
    c => c.type === 'password' && c.value === password,
  );
}

/**
 * The client's "Valid post logout redirect URIs" (attribute
 * `post.logout.redirect.uris`, `##`-separated). Keycloak also knows `+` (reuse
 * the redirect URIs) and trailing `*` wildcards; the stand-in matches exact
 * URIs only, so it refuses those rather than accept more than Keycloak would.
 */
export function postLogoutRedirectUris(client: RealmClient): string[] {
  const value = client.attributes?.['post.logout.redirect.uris'] ?? '';
  const uris = value.split('##').filter(Boolean);
  const unsupported = uris.find(u => u === '+' || u.includes('*'));
  if (unsupported) {
    throw new Error(
      `Client ${client.clientId}: post.logout.redirect.uris entry '${unsupported}' is not supported by the stand-in; list the exact URIs`,
    );
  }
  return uris;
}
