import type { GroupEntity, UserEntity } from '@backstage/catalog-model';
import { groupTransformer, userTransformer } from './transformers';

const user = (memberOf: string[]): UserEntity => ({
  apiVersion: 'backstage.io/v1beta1',
  kind: 'User',
  metadata: {
    name: 'minsu.park',
    annotations: { 'keycloak.org/id': 'abc', 'keycloak.org/realm': 'platform' },
  },
  spec: { profile: { email: 'minsu.park@acme.example' }, memberOf },
});

describe('userTransformer', () => {
  it('keeps members of a group, with the keycloak.org/id annotation', async () => {
    const out = await userTransformer(
      user(['developers']),
      { username: 'minsu.park', emailVerified: true, email: 'x' },
      'platform',
      [],
    );
    expect(out?.metadata.annotations?.['keycloak.org/id']).toBe('abc');
    expect(out?.spec.profile?.email).toBe('minsu.park@acme.example');
  });

  it('leaves out accounts in no group', async () => {
    await expect(
      userTransformer(user([]), { username: 'yuna.han' }, 'platform', []),
    ).resolves.toBeUndefined();
  });

  it('drops an unverified e-mail address', async () => {
    const out = await userTransformer(
      user(['developers']),
      { email: 'minsu.park@acme.example', emailVerified: false },
      'platform',
      [],
    );
    expect(out?.spec.profile?.email).toBeUndefined();
  });
});

describe('groupTransformer', () => {
  it('takes title, description and e-mail from the group attributes', async () => {
    const entity: GroupEntity = {
      apiVersion: 'backstage.io/v1beta1',
      kind: 'Group',
      metadata: { name: 'platform-admins' },
      spec: {
        type: 'group',
        profile: { displayName: 'platform-admins' },
        children: [],
      },
    };
    const out = await groupTransformer(
      entity,
      {
        name: 'platform-admins',
        attributes: {
          displayName: ['Platform admins'],
          description: ['Run the platform.'],
          email: ['platform-admins@acme.example'],
        },
      },
      'platform',
    );
    expect(out).toMatchObject({
      metadata: { name: 'platform-admins', description: 'Run the platform.' },
      spec: {
        type: 'team',
        profile: {
          displayName: 'Platform admins',
          email: 'platform-admins@acme.example',
        },
      },
    });
  });
});
