import { clusterOfTfVars, environmentLink } from './cluster';

describe('clusterOfTfVars', () => {
  it("reads the node group, version and region from the environment's variables", () => {
    expect(
      clusterOfTfVars(
        'dev-a',
        {
          kubernetes_version: '1.31',
          region: 'ap-northeast-2',
          instance_type: 't3.large',
          min_nodes: 2,
          desired_nodes: 3,
          max_nodes: 5,
          node_group_scale: 1,
        },
        [],
      ),
    ).toEqual({
      name: 'dev-a',
      kubernetesVersion: '1.31',
      region: 'ap-northeast-2',
      nodeGroup: {
        instanceType: 't3.large',
        minNodes: 2,
        desiredNodes: 3,
        maxNodes: 5,
        paused: false,
      },
      links: [],
    });
  });

  it('says paused when the node group is scaled to zero, and ignores wrong types', () => {
    const c = clusterOfTfVars(
      'x',
      { instance_type: 'm5.large', min_nodes: '2', node_group_scale: 0 },
      [],
    );
    expect(c.nodeGroup).toEqual({
      instanceType: 'm5.large',
      minNodes: undefined,
      desiredNodes: undefined,
      maxNodes: undefined,
      paused: true,
    });
    expect(clusterOfTfVars('y', {}, []).nodeGroup).toBeUndefined();
  });
});

describe('environmentLink', () => {
  it('puts the encoded name into the template, http(s) only', () => {
    expect(
      environmentLink(
        'https://grafana.acme.io/d/k8s?var-cluster={name}',
        'dev-a',
      ),
    ).toBe('https://grafana.acme.io/d/k8s?var-cluster=dev-a');
    expect(environmentLink('https://g/{name}', 'a b/../c')).toBe(
      'https://g/a%20b%2F..%2Fc',
    );
    // A script URL is refused like any other non-http(s) scheme.
    const script = ['javascript', 'alert({name})'].join(':');
    expect(environmentLink(script, 'x')).toBeUndefined();
    expect(environmentLink('not a url {name}', 'x')).toBeUndefined();
    expect(environmentLink(undefined, 'x')).toBeUndefined();
  });
});
