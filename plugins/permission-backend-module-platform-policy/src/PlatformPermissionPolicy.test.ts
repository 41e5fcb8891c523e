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

describe('PlatformPermissionPolicy', () => {
  it('allows platform-admins everything', async () => {
    for (const permission of [
      catalogEntityDeletePermission,
      catalogLocationCreatePermission,
      costRun,
      environmentDelete,
    ]) {
      expect(await policy.handle({ permission }, admin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('allows everyone signed in to read the catalog and dashboards', async () => {
    expect(
      await policy.handle(
        { permission: catalogEntityReadPermission },
        developer,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle({ permission: dashboardRead }, developer),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets everyone run templates', async () => {
    const taskCreate = createPermission({
      name: 'scaffolder.task.create',
      attributes: { action: 'create' },
    });
    expect(await policy.handle({ permission: taskCreate }, developer)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('limits reading and cancelling a scaffolder task to its creator', async () => {
    for (const permission of [taskReadPermission, taskCancelPermission]) {
      expect(await policy.handle({ permission }, developer)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-task',
        conditions: {
          rule: 'IS_TASK_OWNER',
          resourceType: 'scaffolder-task',
          params: { createdBy: ['user:default/minsu.park'] },
        },
      });
      expect(await policy.handle({ permission }, admin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets only owners change or destroy an entity', async () => {
    for (const permission of [
      catalogEntityDeletePermission,
      catalogEntityRefreshPermission,
      environmentDelete,
    ]) {
      expect(await policy.handle({ permission }, developer)).toEqual({
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
      });
    }
  });

  it("lets a service's owners and admins rerun its Jenkins builds", async () => {
    // @backstage-community/plugin-jenkins-common's jenkinsExecutePermission.
    const jenkinsExecute = createPermission({
      name: 'jenkins.execute',
      attributes: { action: 'update' },
      resourceType: 'catalog-entity',
    });
    expect(await policy.handle({ permission: jenkinsExecute }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await policy.handle({ permission: jenkinsExecute }, developer),
    ).toEqual({
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
    });
  });

  it("lets an environment's owners and admins extend its expiry, no one else", async () => {
    const permission = environmentExpiryExtendPermission;
    expect(await policy.handle({ permission }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    // The catalog evaluates IS_ENTITY_OWNER on the environment's entity.
    expect(await policy.handle({ permission }, developer)).toEqual({
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
    });
    expect(
      await policy.handle({ permission }, as('user:default/nobody')),
    ).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: [] } },
    });
    expect(await policy.handle({ permission })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it("lets an app's owners and admins sync it through the portal", async () => {
    expect(
      await policy.handle(
        { permission: argocdApplicationSyncPermission },
        admin,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle(
        { permission: argocdApplicationSyncPermission },
        developer,
      ),
    ).toEqual({
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
    });
    expect(
      await policy.handle(
        { permission: argocdApplicationSyncPermission },
        as('user:default/nobody'),
      ),
    ).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: [] } },
    });
  });

  it("keeps other plugins' non-read permissions for admins", async () => {
    for (const permission of [costRun, catalogLocationCreatePermission]) {
      expect(await policy.handle({ permission }, developer)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('denies a user with no groups anything but reading', async () => {
    const nobody = as('user:default/nobody');
    expect(await policy.handle({ permission: costRun }, nobody)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(
      await policy.handle(
        { permission: catalogEntityDeletePermission },
        nobody,
      ),
    ).toMatchObject({ result: AuthorizeResult.CONDITIONAL });
  });

  it('denies without a user', async () => {
    expect(
      await policy.handle({ permission: catalogEntityReadPermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });
});
