import { screen } from '@testing-library/react';
import type { CostUptimeApi } from '../../api';
import {
  devAAllocation,
  emptyAllocation,
} from '../../__testUtils__/allocation';
import { renderWithApi } from '../../__testUtils__/render';
import { EnvironmentAllocationCard } from './EnvironmentAllocationCard';

function renderWith(getAllocation: CostUptimeApi['getAllocation']) {
  const api: Partial<CostUptimeApi> = { getAllocation: jest.fn(getAllocation) };
  return {
    api,
    rendered: renderWithApi(
      <EnvironmentAllocationCard environment="dev-a" />,
      api,
    ),
  };
}

describe('EnvironmentAllocationCard', () => {
  it('splits the billed cluster cost into services, shared and idle', async () => {
    const { api, rendered } = renderWith(async () => devAAllocation);
    await rendered;
    expect(await screen.findByTestId('allocation-billed')).toHaveTextContent(
      '$552.51',
    );
    expect(api.getAllocation).toHaveBeenCalledWith({ environment: 'dev-a' });
    const card = screen.getByTestId('environment-allocation');
    expect(card).toHaveTextContent('shop-backend$201.3336.4%');
    expect(card).toHaveTextContent('Shared');
    expect(card).toHaveTextContent('$121.07');
    expect(card).toHaveTextContent('Idle');
    expect(card).toHaveTextContent('$230.11');
    expect(screen.getByTestId('allocation-source')).toHaveTextContent(
      'Source: cluster metrics (Prometheus), priced by the AWS bill',
    );
    expect(screen.getByTestId('allocation-estimated')).toHaveTextContent(
      'Estimated days (replaced when billed): Dec 13, Dec 14',
    );
  });

  it('says so when nothing is allocated yet', async () => {
    const { rendered } = renderWith(async () => emptyAllocation('dev-a'));
    await rendered;
    expect(
      await screen.findByText(/No allocation yet: it needs billed days/),
    ).toBeInTheDocument();
  });

  it('shows the error of a failed request', async () => {
    const { rendered } = renderWith(async () => {
      throw new Error('allocation is down');
    });
    await rendered;
    expect(
      (await screen.findAllByText(/allocation is down/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('allocation-billed')).not.toBeInTheDocument();
  });
});
