/*
 * The provider against a real bare IaC repository: the catalog gets exactly
 * the environments committed there, with their location, and nothing else.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { DeferredEntity } from '@backstage/plugin-catalog-node';
import { IacRepository } from '@internal/plugin-environments-node';
import {
  GOOD_REQUEST,
  createBareRepo,
  createService,
  platformConfig,
} from '@internal/plugin-environments-node/testUtils';
import fs from 'node:fs';
import { EnvironmentEntityProvider } from './EnvironmentEntityProvider';

jest.setTimeout(30_000);

describe('EnvironmentEntityProvider', () => {
  let bare: string;
  let repo: IacRepository;
  let provider: EnvironmentEntityProvider;
  let mutations: DeferredEntity[][];

  beforeEach(async () => {
    bare = createBareRepo();
    const config = platformConfig(bare, 'http://localhost:1');
    repo = new IacRepository(config.iac);
    const { service } = createService(config, [], { repo });
    await service.commitFiles(
      'dev-a',
      service.render({ ...GOOD_REQUEST, purpose: 'dev' } as any),
      'Create environment dev-a',
    );
    // Not environments: a Component, and a Resource not named after its directory.
    await repo.commit(
      {
        'environments/dev-b/catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: dev-b }\nspec: { type: service }\n',
        'environments/dev-c/catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: { name: other }\nspec: { type: kubernetes-cluster }\n',
      },
      'elsewhere',
    );
    mutations = [];
    provider = new EnvironmentEntityProvider(repo, mockServices.logger.mock());
    await provider.connect({
      applyMutation: async m => {
        if (m.type === 'full') mutations.push(m.entities);
      },
      refresh: async () => {},
    });
  });
  afterEach(() => fs.rmSync(bare, { recursive: true, force: true }));

  it('gives the catalog the committed environments only, with their location', async () => {
    await provider.refresh();
    expect(mutations).toHaveLength(1);
    const entities = mutations[0].map(d => d.entity as Entity);
    // The environment, and its cluster for the Kubernetes plugin's locator.
    expect(
      entities.map(e => [e.metadata.namespace, e.metadata.name, e.spec?.type]),
    ).toEqual([
      ['default', 'dev-a', 'environment'],
      ['cluster', 'dev-a', 'kubernetes-cluster'],
    ]);
    expect(entities[0].spec?.dependsOn).toEqual(['resource:cluster/dev-a']);
    expect(entities[1].metadata.annotations).toMatchObject({
      'kubernetes.io/auth-provider': 'aws',
      'kubernetes.io/x-k8s-aws-id': 'dev-a',
      'backstage.io/managed-by-location': `file:${bare}/environments/dev-a/catalog-info.yaml`,
    });
    expect(
      Object.keys(entities[0].metadata.annotations ?? {}).filter(k =>
        k.startsWith('kubernetes.io/'),
      ),
    ).toEqual([]);
    expect(mutations[0][0].locationKey).toBe('platform-environments');
    expect(entities[0].metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `file:${bare}/environments/dev-a/catalog-info.yaml`,
      'platform.acme.io/status': 'provisioning',
    });
  });

  it('runs refreshes that overlap a running one once more, not once each', async () => {
    await Promise.all([
      provider.refresh(),
      provider.refresh(),
      provider.refresh(),
    ]);
    expect(mutations).toHaveLength(2);
  });
});
