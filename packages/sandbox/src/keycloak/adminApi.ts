import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';
import {
  allGroups,
  groupMembers,
  people,
  type RealmExport,
  type RealmGroup,
  type RealmUser,
} from './realm.ts';

/**
 * Keycloak's admin REST API, the read-only part the catalog module calls
 * (@keycloak/keycloak-admin-client): users, groups, members, sub-groups,
 * counts and server info, with `first`/`max` paging and role checks on the
 * service account's `realm-management` client roles.
 */
export interface AdminCaller {
  /** realm-management client roles of the caller's service account. */
  roles: string[];
}

type Json = unknown;

const SERVER_VERSION = '26.4.0';

/** Answers JSON as Keycloak does: `application/json`, no charset. */
export function send(res: ServerResponse, status: number, body: Json) {
  sendJson(res, status, body, { 'content-type': 'application/json' });
}

function page<T>(items: T[], query: URLSearchParams): T[] {
  const first = Math.max(0, Number(query.get('first') ?? 0) || 0);
  const maxParam = query.get('max');
  const max = maxParam === null ? 100 : Math.max(0, Number(maxParam) || 0);
  return items.slice(first, first + max);
}

function userRepresentation(user: RealmUser, brief: boolean) {
  return {
    id: user.id,
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    emailVerified: user.emailVerified ?? false,
    enabled: user.enabled,
    createdTimestamp: 1735689600000,
    totp: false,
    disableableCredentialTypes: [],
    requiredActions: [],
    notBefore: 0,
    ...(brief ? {} : { attributes: {} }),
  };
}

function groupRepresentation(
  group: RealmGroup,
  brief: boolean,
  parentId?: string,
) {
  return {
    id: group.id,
    name: group.name,
    path: group.path,
    ...(parentId ? { parentId } : {}),
    subGroupCount: (group.subGroups ?? []).length,
    subGroups: [],
    ...(brief ? {} : { attributes: group.attributes ?? {} }),
    realmRoles: [],
    clientRoles: {},
  };
}

function parentOf(realm: RealmExport, id: string): RealmGroup | undefined {
  return allGroups(realm).find(g => (g.subGroups ?? []).some(s => s.id === id));
}

/** Handles `/admin/...`; returns false when the path is not one of ours. */
export function handleAdminRequest(
  realm: RealmExport,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  caller: AdminCaller,
): boolean {
  if (req.method !== 'GET') {
    send(res, 405, { error: 'HTTP 405 Method Not Allowed' });
    return true;
  }
  const q = url.searchParams;
  const brief = q.get('briefRepresentation') !== 'false';
  const need = (...anyOf: string[]) => {
    if (anyOf.some(r => caller.roles.includes(r))) return true;
    send(res, 403, { error: 'HTTP 403 Forbidden' });
    return false;
  };
  /** Answers the page of `items` that `first` and `max` ask for. */
  const sendPage = <T>(items: T[], represent: (item: T) => unknown) => {
    send(
      res,
      200,
      page(items, q).map(item => represent(item)),
    );
    return true;
  };

  if (url.pathname === '/admin/serverinfo') {
    if (need('view-system', 'view-realm'))
      send(res, 200, { systemInfo: { version: SERVER_VERSION } });
    return true;
  }

  const prefix = `/admin/realms/${realm.realm}`;
  if (!url.pathname.startsWith(`${prefix}/`)) {
    send(res, 404, { error: 'Realm not found.' });
    return true;
  }
  const parts = url.pathname
    .slice(prefix.length + 1)
    .split('/')
    .filter(Boolean);
  const groups = allGroups(realm);

  if (parts[0] === 'users') {
    if (parts.length === 1) {
      if (!need('query-users', 'view-users')) return true;
      const search = q.get('username') ?? q.get('search');
      const found = people(realm).filter(
        u => !search || u.username.includes(search),
      );
      return sendPage(found, u => userRepresentation(u, brief));
    }
    if (parts.length === 2 && parts[1] === 'count') {
      if (need('query-users', 'view-users'))
        send(res, 200, people(realm).length);
      return true;
    }
    if (parts.length === 2) {
      if (!need('view-users')) return true;
      const user = people(realm).find(u => u.id === parts[1]);
      if (!user) send(res, 404, { error: 'User not found' });
      else send(res, 200, userRepresentation(user, false));
      return true;
    }
  }

  if (parts[0] === 'groups') {
    if (!need('query-groups', 'view-users')) return true;
    if (parts.length === 1) {
      const search = q.get('search');
      const top = realm.groups.filter(g => !search || g.name.includes(search));
      return sendPage(top, g => groupRepresentation(g, brief));
    }
    if (parts.length === 2 && parts[1] === 'count') {
      const count =
        q.get('top') === 'true' ? realm.groups.length : groups.length;
      send(res, 200, { count });
      return true;
    }
    const group = groups.find(g => g.id === parts[1]);
    if (!group) {
      send(res, 404, { error: 'Could not find group by id' });
      return true;
    }
    if (parts.length === 2) {
      send(res, 200, {
        ...groupRepresentation(group, false, parentOf(realm, group.id)?.id),
      });
      return true;
    }
    if (parts.length === 3 && parts[2] === 'members') {
      if (!need('view-users')) return true;
      return sendPage(groupMembers(realm, group), u =>
        userRepresentation(u, true),
      );
    }
    if (parts.length === 3 && parts[2] === 'children') {
      return sendPage(group.subGroups ?? [], g =>
        groupRepresentation(g, brief, group.id),
      );
    }
  }
  send(res, 404, { error: 'HTTP 404 Not Found' });
  return true;
}
