import type {
  GroupTransformer,
  UserTransformer,
} from '@backstage-community/plugin-catalog-backend-module-keycloak';

const sanitize = (name: string) => name.replace(/[^a-zA-Z0-9\-_.]/g, '-');
const first = (attributes: Record<string, any> | undefined, key: string) => {
  const value = attributes?.[key];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Groups: Keycloak's group name stays the entity name (so `developers` owns
 * what `group:default/developers` owns); the title, description and e-mail
 * come from the group's attributes `displayName`, `description`, `email`.
 */
export const groupTransformer: GroupTransformer = async (entity, group) => {
  const displayName = first(group.attributes, 'displayName');
  const description = first(group.attributes, 'description');
  const email = first(group.attributes, 'email');
  entity.metadata.name = sanitize(entity.metadata.name);
  if (description) entity.metadata.description = description;
  entity.spec.type = 'team';
  entity.spec.profile = {
    ...entity.spec.profile,
    ...(displayName ? { displayName } : {}),
    ...(email ? { email } : {}),
  };
  return entity;
};

/**
 * Users: only people in at least one Keycloak group get a User entity. Groups
 * are how the portal decides ownership and rights, so an account outside all
 * of them has nothing to do in the portal and is refused at sign-in.
 *
 * The `keycloak.org/id` annotation (Keycloak's user id, the token `sub`) is set
 * by the module itself; the sign-in resolver matches on it.
 */
export const userTransformer: UserTransformer = async (entity, user) => {
  if (!entity.spec.memberOf?.length) return undefined;
  entity.metadata.name = sanitize(entity.metadata.name);
  if (user.email && user.emailVerified === false) {
    // An unverified address must not be matched by an e-mail resolver.
    delete entity.spec.profile?.email;
  }
  return entity;
};
