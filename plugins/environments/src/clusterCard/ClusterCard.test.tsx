import { screen } from '@testing-library/react';
import { devA, json, renderOnEntity } from '../__testUtils__/render';
import { ClusterCard } from './ClusterCard';

async function render(fetch: jest.Mock) {
  await renderOnEntity(<ClusterCard />, { entity: devA, fetch });
}

describe('ClusterCard', () => {
  it('shows the declared version and node group, and links to the tools', async () => {
    const fetch = jest.fn(async () =>
      json({
        name: 'dev-a',
        kubernetesVersion: '1.31',
        nodeGroup: {
          instanceType: 't3.large',
          minNodes: 2,
          desiredNodes: 3,
          maxNodes: 5,
          paused: false,
        },
        links: [
          { kind: 'argocd', url: 'https://argocd.dev-a.acme.io' },
          { kind: 'jenkins', url: 'http://jenkins/job/platform/' },
        ],
      }),
    );
    await render(fetch);
    expect(await screen.findByTestId('cluster-version')).toHaveTextContent(
      '1.31',
    );
    expect(screen.getByTestId('cluster-node-group')).toHaveTextContent(
      't3.large, 3 nodes (2 to 5)',
    );
    expect(screen.getByRole('link', { name: 'Argo CD' })).toHaveAttribute(
      'href',
      'https://argocd.dev-a.acme.io',
    );
    expect(screen.getByRole('link', { name: 'Jenkins job' })).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Grafana' })).toBeNull();
    expect(fetch).toHaveBeenCalledWith(
      'http://b/api/environments/environments/dev-a/cluster',
    );
  });

  it('says when the node group is paused', async () => {
    await render(
      jest.fn(async () =>
        json({
          name: 'dev-a',
          nodeGroup: { minNodes: 2, maxNodes: 5, paused: true },
          links: [],
        }),
      ),
    );
    expect(await screen.findByTestId('cluster-node-group')).toHaveTextContent(
      'paused: scaled to 0 nodes (2 to 5 when resumed)',
    );
    expect(screen.getByTestId('cluster-version')).toHaveTextContent(
      'not declared',
    );
  });

  it('names the error when the backend refuses', async () => {
    await render(
      jest.fn(async () =>
        json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'You may not see environment dev-a',
            },
          },
          403,
        ),
      ),
    );
    expect(
      await screen.findByText(/You may not see environment dev-a/),
    ).toBeInTheDocument();
  });
});
