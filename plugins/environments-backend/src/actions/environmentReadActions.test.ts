import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_PRICING,
  estimateMonthlyCost,
  type EnvironmentHistory,
} from '@internal/plugin-environments-common';
import type { EnvironmentService } from '@internal/plugin-environments-node';
import { registerEnvironmentReadActions } from './environmentReadActions';

const devA = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'dev-a',
    namespace: 'default',
    annotations: { 'platform.io/status': 'ready' },
  },
  spec: { type: 'environment', owner: 'group:default/platform-admins' },
};

const history: EnvironmentHistory = {
  name: 'dev-a',
  state: 'updating',
  updatedAt: '2026-12-01T10:00:00.000Z',
  runs: [
    {
      id: 2,
      operation: 'extend',
      requestedBy: 'user:default/jiyoung.kim',
      requestedAt: '2026-12-01T10:00:00.000Z',
    },
    {
      id: 1,
      operation: 'create',
      requestedBy: 'user:default/jiyoung.kim',
      requestedAt: '2026-11-30T09:00:00.000Z',
      build: {
        number: 7,
        url: 'http://jenkins/job/platform/job/environment/7/',
      },
      result: 'SUCCESS',
      gitCommit: '0dbc954a',
      finishedAt: '2026-11-30T09:20:00.000Z',
    },
  ],
};

/** The cluster Resource of dev-a: not an environment, though named the same. */
const devACluster = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'dev-a', namespace: 'cluster' },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-admins' },
};

const staging = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'staging', namespace: 'default' },
  spec: { type: 'environment', owner: 'group:default/platform-admins' },
};

function setUp(read = jest.fn(async () => history)) {
  const actions = actionsRegistryServiceMock();
  const service = {
    nameOf: (n: string) => n.replace(/^resource:default\//, ''),
    validateCreate: jest.fn(async (input: { name: string; owner: string }) => ({
      name: input.name,
      purpose: 'dev',
      owner: `group:default/${input.owner}`,
    })),
    render: () => ({ 'environments/dev-b/main.tf': '' }),
  } as unknown as EnvironmentService;
  registerEnvironmentReadActions({
    actionsRegistry: actions,
    service,
    catalog: catalogServiceMock({ entities: [devA, devACluster, staging] }),
    reader: { read },
    pricing: DEFAULT_PRICING,
  });
  return { actions, read };
}

describe('environment read actions', () => {
  const credentials = mockCredentials.user('user:default/jiyoung.kim');

  it('get-environment gives the recorded state and the runs, newest first', async () => {
    const { actions, read } = setUp();
    const { output } = await actions.invoke({
      id: 'test:get-environment',
      input: { name: 'dev-a' },
      credentials,
    });
    expect(read).toHaveBeenCalledWith('dev-a', credentials);
    expect(output).toMatchObject({
      name: 'dev-a',
      owner: 'group:default/platform-admins',
      state: 'updating',
      runs: [
        { operation: 'extend', requestedBy: 'user:default/jiyoung.kim' },
        { operation: 'create', build: { number: 7 }, result: 'SUCCESS' },
      ],
    });
    expect((output as { runs: object[] }).runs[0]).not.toHaveProperty('id');
  });

  it('list-environments lists the environment type only, not the clusters', async () => {
    const { actions } = setUp();
    const { output } = await actions.invoke({
      id: 'test:list-environments',
      input: {},
      credentials,
    });
    const { environments } = output as {
      environments: Array<{ name: string }>;
    };
    expect(environments.map(e => e.name)).toEqual(['dev-a', 'staging']);
  });

  it('get-environment passes on a refusal of environment.read', async () => {
    const { actions } = setUp(
      jest.fn(async () => {
        throw new NotAllowedError('You may not see environment dev-a');
      }),
    );
    await expect(
      actions.invoke({
        id: 'test:get-environment',
        input: { name: 'dev-a' },
        credentials,
      }),
    ).rejects.toThrow('You may not see environment dev-a');
  });

  it('dry-run-create-environment returns the estimate the create form shows', async () => {
    const { actions } = setUp();
    const input = {
      name: 'dev-b',
      owner: 'developers',
      instanceType: 'm6i.large',
      desiredNodes: 3,
      maxNodes: 4,
      addOns: ['monitoring'],
    };
    const { output } = await actions.invoke({
      id: 'test:dry-run-create-environment',
      input,
      credentials,
    });
    const expected = estimateMonthlyCost(input, DEFAULT_PRICING);
    // 73.00 control plane + 3 x 0.096 x 730 nodes + (60 + 50) GB x 0.08.
    expect(expected?.total).toBe(292.04);
    expect(output).toMatchObject({
      valid: true,
      request: { name: 'dev-b', owner: 'group:default/developers' },
      files: ['environments/dev-b/main.tf'],
      estimate: expected,
    });
  });
});
