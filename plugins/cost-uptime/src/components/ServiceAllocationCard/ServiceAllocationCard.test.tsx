import { screen } from '@testing-library/react';
import type { CostUptimeApi } from '../../api';
import {
  emptyAllocation,
  onlyDevAAllocated,
} from '../../__testUtils__/allocation';
import { billedByEnvironment } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { ServiceAllocationCard } from './ServiceAllocationCard';

const summary = billedByEnvironment({ 'dev-a': 651.41, prod: 100, '': 5 });

async function renderWith(
  getAllocation: CostUptimeApi['getAllocation'],
  service = 'shop-backend',
) {
  const api: Partial<CostUptimeApi> = {
    getSummary: jest.fn(async () => summary),
    getAllocation: jest.fn(getAllocation),
  };
  await renderWithApi(<ServiceAllocationCard service={service} />, api);
  return api;
}

describe('ServiceAllocationCard', () => {
  it('shows allocated and direct cost, efficiency and saving per environment', async () => {
    const api = await renderWith(onlyDevAAllocated);
    expect(await screen.findByText('$201.33')).toBeInTheDocument();
    // Cost without the environment tag has no cluster to split.
    expect(api.getAllocation).toHaveBeenCalledTimes(2);
    const card = screen.getByTestId('service-allocation');
    expect(card).toHaveTextContent('dev-a');
    expect(card).not.toHaveTextContent('prod');
    expect(screen.getByText('$74.40')).toBeInTheDocument();
    expect(screen.getByText('$275.73')).toBeInTheDocument();
    expect(screen.getByText('58%')).toBeInTheDocument();
    expect(screen.getByText('71%')).toBeInTheDocument();
    expect(screen.getByText('$18.20')).toBeInTheDocument();
    expect(card).toHaveTextContent('incl. estimate');
  });

  it('says so when the service has no allocation anywhere', async () => {
    await renderWith(async ({ environment }) => emptyAllocation(environment));
    expect(
      await screen.findByText(
        'No allocation for this service in any environment yet.',
      ),
    ).toBeInTheDocument();
  });
});
