import { screen } from '@testing-library/react';
import type { EstimateCheck } from '@internal/plugin-environments-common';
import { devA, json, renderOnEntity } from '../__testUtils__/render';
import { EstimateCard } from './EstimateCard';

const estimate = {
  controlPlane: 73,
  nodes: 182.21,
  storage: 8.8,
  total: 264.01,
  currency: 'USD',
  nodeCount: 3,
  instanceType: 't3.large',
};
const window = { from: '2026-12-02', to: '2026-12-08', checkOn: '2026-12-09' };

/** The check once the window's bill is compared. */
const checked = (
  result: Extract<EstimateCheck, { state: 'checked' }>['result'],
): EstimateCheck => ({
  state: 'checked',
  estimate,
  readyAt: '2026-12-01T09:20:00Z',
  window,
  result,
});

function renderWith(answer: EstimateCheck | Response) {
  const asked: string[] = [];
  return {
    asked,
    rendered: renderOnEntity(<EstimateCard />, {
      entity: devA,
      fetch: async input => {
        asked.push(String(input));
        return answer instanceof Response ? answer : json(answer);
      },
    }),
  };
}

describe('EstimateCard', () => {
  it('shows the estimate and when the bill will be compared', async () => {
    const { asked } = renderWith({
      state: 'waiting',
      estimate,
      readyAt: '2026-12-01T09:20:00Z',
      window,
    });
    expect(await screen.findByTestId('estimate-status')).toHaveTextContent(
      /Estimated \$264\.01 \/ month \(3 × t3\.large\)\. Its bill for .*Dec.*2.* to .*Dec.*8.* is compared with the estimate on .*Dec.*9/,
    );
    expect(asked).toEqual([
      'http://b/api/environments/environments/dev-a/estimate',
    ]);
  });

  it('shows the figures and the likely cause of a gap beyond 30%', async () => {
    renderWith(
      checked({
        days: 7,
        estimated: 60.76,
        billed: 88.79,
        gap: 0.4613,
        outside: true,
        causes: [
          {
            cause: 'node count',
            estimated: 41.93,
            billed: 69.89,
            difference: 27.96,
          },
        ],
      }),
    );
    expect(await screen.findByTestId('estimate-estimated')).toHaveTextContent(
      '$60.76',
    );
    expect(screen.getByTestId('estimate-billed')).toHaveTextContent('$88.79');
    expect(screen.getByTestId('estimate-gap')).toHaveTextContent('+46%');
    expect(
      screen.getByText(/More than 30% off the estimate/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('estimate-cause')).toHaveTextContent(
      'Node count: estimated $41.93, billed $69.89',
    );
  });

  it('says within the tolerance, naming no cause', async () => {
    renderWith(
      checked({
        days: 7,
        estimated: 60.76,
        billed: 58.1,
        gap: -0.0438,
        outside: false,
        causes: [],
      }),
    );
    expect(
      await screen.findByText('Within ±30% of the estimate.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('estimate-gap')).toHaveTextContent('-4%');
    expect(screen.queryByTestId('estimate-cause')).toBeNull();
  });

  it('says when there is no estimate', async () => {
    renderWith({ state: 'no-estimate' });
    expect(await screen.findByTestId('estimate-status')).toHaveTextContent(
      'This environment was created without a cost estimate.',
    );
  });

  it('names a failed answer', async () => {
    renderWith(
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: 'You may not see environment dev-a',
          },
        },
        403,
      ),
    );
    expect(
      await screen.findByText(/You may not see environment dev-a/),
    ).toBeInTheDocument();
  });
});
