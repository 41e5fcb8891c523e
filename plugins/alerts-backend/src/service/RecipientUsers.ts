import { AuthService } from '@backstage/backend-plugin-api';
import {
  isGroupEntity,
  isUserEntity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const isUserRef = (ref: string) =>
  parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'user';

/**
 * The users a notification to these entities reaches, resolved the way the
 * notifications backend's default recipient resolver does: a user is
 * themself, a group is its members and its child groups' members, any
 * other entity is its owner's. The alerts backend needs them to write each
 * user's copy in their language.
 */
export async function usersReachedBy(
  entityRefs: string[],
  deps: { catalog: CatalogService; auth: AuthService },
): Promise<string[]> {
  const users = new Set<string>();
  const seen = new Set<string>(entityRefs);
  let todo = [...seen];
  while (todo.length > 0) {
    const others = todo.filter(ref => {
      if (!isUserRef(ref)) return true;
      users.add(ref);
      return false;
    });
    todo = [];
    if (others.length === 0) break;
    const { items } = await deps.catalog.getEntitiesByRefs(
      {
        entityRefs: others,
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials: await deps.auth.getOwnServiceCredentials() },
    );
    const queued: string[] = [];
    const next = (ref: string) => {
      if (!seen.has(ref)) {
        seen.add(ref);
        queued.push(ref);
      }
    };
    for (const entity of items) {
      if (!entity) continue;
      if (isUserEntity(entity)) {
        users.add(stringifyEntityRef(entity));
      } else if (isGroupEntity(entity)) {
        for (const r of entity.relations ?? []) {
          if (r.type === RELATION_HAS_MEMBER && isUserRef(r.targetRef)) {
            users.add(r.targetRef);
          } else if (r.type === RELATION_PARENT_OF) {
            next(r.targetRef);
          }
        }
      } else {
        const owner = entity.relations?.find(
          r => r.type === RELATION_OWNED_BY,
        )?.targetRef;
        if (owner) next(owner);
      }
    }
    todo = queued;
  }
  return [...users];
}
