import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityChangePermission, isEntityOwnerOrAdmin } from './ownerOrAdmin';

describe('isEntityOwnerOrAdmin', () => {
  it('asks for the entity change permission on the entity', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    const credentials = mockCredentials.user('user:default/minsu.park');
    await expect(
      isEntityOwnerOrAdmin({
        permissions,
        credentials,
        entityRef: 'component:default/shop-backend',
      }),
    ).resolves.toBe(true);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: entityChangePermission,
          resourceRef: 'component:default/shop-backend',
        },
      ],
      { credentials },
    );
  });

  it('is false when the framework denies', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    await expect(
      isEntityOwnerOrAdmin({
        permissions,
        credentials: mockCredentials.user(),
        entityRef: 'component:default/shop-backend',
      }),
    ).resolves.toBe(false);
  });
});
