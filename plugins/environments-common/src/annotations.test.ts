import type { Entity } from '@backstage/catalog-model';
import { isEnvironment, splitEnvironmentEntity } from './annotations';

const resource = (type: string, kind = 'Resource'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: { type },
});

describe('isEnvironment', () => {
  it('takes Resources of the environment type', () => {
    expect(isEnvironment(resource('environment'))).toBe(true);
  });

  it('refuses other types and kinds, clusters included', () => {
    expect(isEnvironment(resource('kubernetes-cluster'))).toBe(false);
    expect(isEnvironment(resource('database'))).toBe(false);
    expect(isEnvironment(resource('environment', 'Component'))).toBe(false);
  });
});

describe('splitEnvironmentEntity', () => {
  const written: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'team-b',
      annotations: {
        'platform.acme.io/purpose': 'dev',
        'kubernetes.io/auth-provider': 'aws',
        'kubernetes.io/x-k8s-aws-id': 'team-b',
        'kubernetes.io/api-server': 'https://team-b.eks.example',
      },
    },
    spec: { type: 'environment', owner: 'group:default/developers' },
  };

  it('moves the kubernetes.io annotations to a cluster Resource of the same name', () => {
    const { environment, cluster } = splitEnvironmentEntity(written);
    expect(environment.spec).toEqual({
      type: 'environment',
      owner: 'group:default/developers',
      dependsOn: ['resource:cluster/team-b'],
    });
    expect(environment.metadata.annotations).toEqual({
      'platform.acme.io/purpose': 'dev',
    });
    expect(cluster?.metadata).toMatchObject({
      name: 'team-b',
      namespace: 'cluster',
    });
    expect(cluster?.spec).toEqual({
      type: 'kubernetes-cluster',
      owner: 'group:default/developers',
    });
    expect(Object.keys(cluster?.metadata.annotations ?? {}).sort()).toEqual([
      'kubernetes.io/api-server',
      'kubernetes.io/auth-provider',
      'kubernetes.io/x-k8s-aws-id',
    ]);
  });

  it('turns an older kubernetes-cluster file into the environment type, once', () => {
    const old = {
      ...written,
      spec: { ...written.spec, type: 'kubernetes-cluster' },
    };
    const { environment } = splitEnvironmentEntity(
      splitEnvironmentEntity(old).environment,
    );
    expect(environment.spec?.type).toBe('environment');
    const again = splitEnvironmentEntity({
      ...old,
      spec: { ...old.spec, dependsOn: ['resource:cluster/team-b'] },
    });
    expect(again.environment.spec?.dependsOn).toEqual([
      'resource:cluster/team-b',
    ]);
  });

  it('has no cluster without kubernetes.io annotations', () => {
    const { environment, cluster } = splitEnvironmentEntity({
      ...written,
      metadata: { name: 'staging', annotations: {} },
    });
    expect(cluster).toBeUndefined();
    expect(environment.spec?.dependsOn).toBeUndefined();
  });
});
