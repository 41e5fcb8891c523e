import { Entity } from '@backstage/catalog-model';

/**
 * A small organisation for the end-to-end tests: `developers` owns
 * shop-backend and has a Slack channel and a shared Kakao receiver by
 * annotation; `platform-admins` gets its routes from config.
 */
export const GROUP_KAKAO_UUID = 'uuid-developers-oncall';
export const MINSU_KAKAO_UUID = 'uuid-minsu';
export const SORA_KAKAO_UUID = 'uuid-sora';

const user = (name: string, groups: string[], kakao?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name,
    namespace: 'default',
    ...(kakao ? { annotations: { 'kakao.com/uuid': kakao } } : {}),
  },
  spec: { memberOf: groups },
  relations: groups.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});

const group = (
  name: string,
  members: string[],
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({
    type: 'hasMember',
    targetRef: `user:default/${m}`,
  })),
});

export const entities: Entity[] = [
  group('developers', ['minsu.park', 'sora.lee'], {
    'slack.com/channel': '#dev-alerts',
    'kakao.com/receiver-uuids': GROUP_KAKAO_UUID,
  }),
  group('platform-admins', ['jiyoung.kim']),
  user('minsu.park', ['developers'], MINSU_KAKAO_UUID),
  user('sora.lee', ['developers'], SORA_KAKAO_UUID),
  user('jiyoung.kim', ['platform-admins']),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop-backend',
      namespace: 'default',
      annotations: {
        'jenkins.io/job-full-name': 'shop/shop-backend',
        'argocd/app-name': 'shop-backend',
      },
    },
    spec: { type: 'service', owner: 'group:default/developers' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/developers' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'env-dev-a', namespace: 'default' },
    spec: { type: 'kubernetes-namespace', owner: 'group:default/developers' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/developers' }],
  },
];
