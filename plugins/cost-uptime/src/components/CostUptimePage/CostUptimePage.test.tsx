import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { costUptimeApiRef, type CostUptimeApi } from '../../api';
import {
  midMonth,
  runs,
  summaryOn,
  uptimeRows,
} from '../../__testUtils__/fixtures';
import { devAAllocation } from '../../__testUtils__/allocation';
import { CostUptimePage } from './CostUptimePage';

function api(overrides: Partial<CostUptimeApi> = {}): CostUptimeApi {
  return {
    getSummary: jest.fn(async () => midMonth),
    getSeries: jest.fn(async () => ({
      currency: 'USD' as const,
      granularity: 'day' as const,
      groupBy: 'environment' as const,
      from: '2026-11-15',
      to: '2026-12-15',
      keys: [{ key: 'prod' }],
      points: [
        { period: '2026-12-14', key: 'prod', amount: 300, estimated: false },
      ],
    })),
    getUptime: jest.fn(async () => ({ days: 30, rows: uptimeRows })),
    getUsage: jest.fn(async () => ({
      granularity: 'hour' as const,
      from: '2026-12-13T00:00:00Z',
      to: '2026-12-15T00:00:00Z',
      environments: [],
      points: [],
    })),
    getRuns: jest.fn(async () => runs),
    triggerRun: jest.fn(async () => ({ started: true })),
    exportCsv: jest.fn(async () => 'day,key,amount\n'),
    getAllocation: jest.fn(async ({ environment }) => ({
      ...devAAllocation,
      environment,
    })),
    ...overrides,
  } as unknown as CostUptimeApi;
}

describe('CostUptimePage', () => {
  it('puts every card on the page from the API', async () => {
    await renderInTestApp(<CostUptimePage />, {
      apis: [[costUptimeApiRef, api()]],
    });
    expect(await screen.findByTestId('stat-month-to-date')).toHaveTextContent(
      '$4,321.50',
    );
    for (const title of [
      'Cost trend',
      'By environment',
      'By AWS service',
      'Biggest movers',
      'Uptime against SLO',
      'Usage',
      'Collection runs',
      'Where each environment’s bill goes',
    ]) {
      expect(screen.getAllByText(title).length).toBeGreaterThan(0);
    }
    expect(
      screen.getByText(/Billing data from AWS Cost Explorer \(UTC days, USD\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Last collection .* · succeeded · 3 Cost Explorer/),
    ).toBeInTheDocument();
  });

  it('starts a collection and says so', async () => {
    const costUptime = api();
    const alerts = mockApis.alert();
    await renderInTestApp(<CostUptimePage />, {
      apis: [[costUptimeApiRef, costUptime], alerts],
    });
    fireEvent.click(
      (await screen.findAllByRole('button', { name: 'Run collection now' }))[0],
    );
    await waitFor(() =>
      expect(alerts.getAlerts()).toEqual([
        expect.objectContaining({
          message: 'Collection started; figures refresh when it ends.',
        }),
      ]),
    );
    expect(costUptime.triggerRun).toHaveBeenCalled();
  });

  it('explains an empty page before the first collection', async () => {
    await renderInTestApp(<CostUptimePage />, {
      apis: [
        [
          costUptimeApiRef,
          api({
            getSummary: jest.fn(async () =>
              summaryOn('2026-12-15', undefined, { lastMonth: 0 }),
            ),
            getSeries: jest.fn(async () => ({
              currency: 'USD' as const,
              granularity: 'day' as const,
              groupBy: 'environment' as const,
              from: '2026-11-15',
              to: '2026-12-15',
              keys: [],
              points: [],
            })),
            getRuns: jest.fn(async () => []),
          }),
        ],
      ],
    });
    expect(await screen.findByText('No cost data yet')).toBeInTheDocument();
    expect(
      screen.getByText(/The first collection has not run yet\./),
    ).toBeInTheDocument();
  });
});
