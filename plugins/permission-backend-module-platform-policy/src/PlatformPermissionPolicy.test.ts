import { mockCredentials } from '@backstage/backend-test-utils';
import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { argocdApplicationSyncPermission } from '@internal/plugin-argocd-common';
import { environmentExpiryExtendPermission } from '@internal/plugin-environments-common';
import {
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { PlatformPermissionPolicy } from './PlatformPermissionPolicy';

const refs: Record<string, string[]> = {
  'user:default/jiyoung.kim': [
    'user:default/jiyoung.kim',
    'group:default/platform-admins',
  ],
  'user:default/minsu.park': [
    'user:default/minsu.park',
    'group:default/developers',
  ],
};

const userInfo: UserInfoService = {
  async getUserInfo(credentials: any) {
    const userEntityRef = credentials.principal.userEntityRef;
    return { userEntityRef, ownershipEntityRefs: refs[userEntityRef] ?? [] };
  },
};

const policy = new PlatformPermissionPolicy({ userInfo });
const decide = (
  permission: Parameters<typeof policy.handle>[0]['permission'],
  user?: Parameters<typeof policy.handle>[1],
) => policy.handle({ permission }, user);
const ALLOW = { result: AuthorizeResult.ALLOW };
const as = (ref: string) =>
  ({ credentials: mockCredentials.user(ref), info: {} } as any);
const admin = as('user:default/jiyoung.kim');
const developer = as('user:default/minsu.park');

const costRun = createPermission({
  name: 'cost-uptime.collection.run',
  attributes: { action: 'create' },
});
const environmentDelete = createPermission({
  name: 'environment.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
const dashboardRead = createPermission({
  name: 'cost-uptime.dashboard.read',
  attributes: { action: 'read' },
});

/** The decision for minsu.park (developers): allowed where minsu.park or developers own the entity. */
const ownedByDeveloper = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: {
      claims: ['user:default/minsu.park', 'group:default/developers'],
    },
  },
};

describe('PlatformPermissionPolicy', () => {
  it('allows platform-admins everything', async () => {
    for (const permission of [
      catalogEntityDeletePermission,
      catalogLocationCreatePermission,
      costRun,
      environmentDelete,
    ]) {
      expect(await decide(permission, admin)).toEqual(ALLOW);
    }
  });

  it('allows everyone signed in to read the catalog and dashboards', async () => {
    expect(await decide(catalogEntityReadPermission, developer)).toEqual(ALLOW);
    expect(await decide(dashboardRead, developer)).toEqual(ALLOW);
  });

  it('lets everyone run templates', async () => {
    const taskCreate = createPermission({
      name: 'scaffolder.task.create',
      attributes: { action: 'create' },
    });
    expect(await decide(taskCreate, developer)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('limits reading and cancelling a scaffolder task to its creator', async () => {
    for (const permission of [taskReadPermission, taskCancelPermission]) {
      expect(await decide(permission, developer)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-task',
        conditions: {
          rule: 'IS_TASK_OWNER',
          resourceType: 'scaffolder-task',
          params: { createdBy: ['user:default/minsu.park'] },
        },
      });
      expect(await decide(permission, admin)).toEqual(ALLOW);
    }
  });

  it('lets only owners change or destroy an entity', async () => {
    for (const permission of [
      catalogEntityDeletePermission,
      catalogEntityRefreshPermission,
      environmentDelete,
    ]) {
      expect(await decide(permission, developer)).toEqual(ownedByDeveloper);
    }
  });

  it("lets a service's owners and admins rerun its Jenkins builds", async () => {
    // @backstage-community/plugin-jenkins-common's jenkinsExecutePermission.
    const jenkinsExecute = createPermission({
      name: 'jenkins.execute',
      attributes: { action: 'update' },
      resourceType: 'catalog-entity',
    });
    expect(await decide(jenkinsExecute, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(jenkinsExecute, developer)).toEqual(ownedByDeveloper);
  });

  it("lets an environment's owners and admins extend its expiry, no one else", async () => {
    const permission = environmentExpiryExtendPermission;
    expect(await decide(permission, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    // The catalog evaluates IS_ENTITY_OWNER on the environment's entity.
    expect(await decide(permission, developer)).toEqual(ownedByDeveloper);
    expect(await decide(permission, as('user:default/nobody'))).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: [] } },
    });
    expect(await decide(permission)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it("lets an app's owners and admins sync it through the portal", async () => {
    expect(await decide(argocdApplicationSyncPermission, admin)).toEqual(ALLOW);
    expect(await decide(argocdApplicationSyncPermission, developer)).toEqual(
      ownedByDeveloper,
    );
    expect(
      await decide(argocdApplicationSyncPermission, as('user:default/nobody')),
    ).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: [] } },
    });
  });

  it("keeps other plugins' non-read permissions for admins", async () => {
    for (const permission of [costRun, catalogLocationCreatePermission]) {
      expect(await decide(permission, developer)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('denies a user with no groups anything but reading', async () => {
    const nobody = as('user:default/nobody');
    expect(await decide(costRun, nobody)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await decide(catalogEntityDeletePermission, nobody)).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
    });
  });

  it('denies without a user', async () => {
    expect(await decide(catalogEntityReadPermission)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
