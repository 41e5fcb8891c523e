import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import { ClusterReader, readClusterLinkTemplates } from './ClusterReader';

const TFVARS = {
  kubernetes_version: '1.31',
  region: 'ap-northeast-2',
  instance_type: 't3.large',
  min_nodes: 2,
  desired_nodes: 3,
  max_nodes: 5,
  node_group_scale: 0,
};

const config = new ConfigReader({
  platform: {
    iac: { url: '/tmp/iac.git' },
    jenkins: {
      baseUrl: 'http://jenkins.acme.io/',
      job: 'platform/environment',
      username: 'portal',
      apiToken: 'token',
    },
    environments: {
      links: { grafana: 'https://grafana.acme.io/d/k8s?var-cluster={name}' },
    },
  },
  argocd: {
    appLocatorMethods: [
      {
        type: 'config',
        instances: [{ name: 'dev-a', url: 'https://argocd.dev-a.acme.io' }],
      },
    ],
  },
});

function readerWith(files: Record<string, string>, allowed = true) {
  return new ClusterReader({
    service: {
      nameOf: (n: string) => n.replace(/^resource:(default\/)?/, ''),
      repo: { readTree: async () => files } as any,
    },
    reader: {
      read: async (name: string) => {
        if (!allowed) throw new NotAllowedError(`You may not see ${name}`);
        return {} as any;
      },
    },
    links: readClusterLinkTemplates(config),
  });
}

describe('ClusterReader', () => {
  it("answers the declared node group and version with the environment's links", async () => {
    const reader = readerWith({
      'environments/dev-a/terraform.tfvars.json': JSON.stringify(TFVARS),
    });
    expect(await reader.read('dev-a', mockCredentials.user())).toEqual({
      name: 'dev-a',
      kubernetesVersion: '1.31',
      region: 'ap-northeast-2',
      nodeGroup: {
        instanceType: 't3.large',
        minNodes: 2,
        desiredNodes: 3,
        maxNodes: 5,
        paused: true,
      },
      links: [
        { kind: 'argocd', url: 'https://argocd.dev-a.acme.io' },
        {
          kind: 'grafana',
          url: 'https://grafana.acme.io/d/k8s?var-cluster=dev-a',
        },
        {
          kind: 'jenkins',
          url: 'http://jenkins.acme.io/job/platform/job/environment/',
        },
      ],
    });
  });

  it('refuses whom the environment read refuses, before reading Git', async () => {
    const readTree = jest.fn();
    const reader = new ClusterReader({
      service: { nameOf: n => n, repo: { readTree } as any },
      reader: {
        read: async () => {
          throw new NotAllowedError('You may not see environment dev-a');
        },
      },
      links: readClusterLinkTemplates(config),
    });
    await expect(reader.read('dev-a', mockCredentials.user())).rejects.toThrow(
      NotAllowedError,
    );
    expect(readTree).not.toHaveBeenCalled();
  });

  it('says which file is missing', async () => {
    await expect(
      readerWith({}).read('staging', mockCredentials.user()),
    ).rejects.toThrow('Environment staging has no terraform.tfvars.json');
  });
});
