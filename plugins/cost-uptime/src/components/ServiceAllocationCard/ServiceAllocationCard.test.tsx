import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { costUptimeApiRef, type CostUptimeApi } from '../../api';
import {
  devAAllocation,
  emptyAllocation,
} from '../../__testUtils__/allocation';
import { midMonth } from '../../__testUtils__/fixtures';
import { ServiceAllocationCard } from './ServiceAllocationCard';

const summary = {
  ...midMonth,
  byEnvironment: [
    { key: 'dev-a', amount: 651.41, previousAmount: 0, change: null },
    { key: 'prod', amount: 100, previousAmount: 0, change: null },
    { key: '', amount: 5, previousAmount: 0, change: null },
  ],
};

async function renderWith(
  getAllocation: CostUptimeApi['getAllocation'],
  service = 'shop-backend',
) {
  const api: Partial<CostUptimeApi> = {
    getSummary: jest.fn(async () => summary),
    getAllocation: jest.fn(getAllocation),
  };
  await renderInTestApp(
    <TestApiProvider apis={[[costUptimeApiRef, api]]}>
      <ServiceAllocationCard service={service} />
    </TestApiProvider>,
  );
  return api;
}

describe('ServiceAllocationCard', () => {
  it('shows allocated and direct cost, efficiency and saving per environment', async () => {
    const api = await renderWith(async ({ environment }) =>
      environment === 'dev-a' ? devAAllocation : emptyAllocation(environment),
    );
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
