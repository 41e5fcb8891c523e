import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { SWRConfig } from 'swr';
import type { CollectionRun } from '@internal/plugin-cost-uptime-common';
import { costUptimeApiRef, type CostUptimeApi } from '../../api';
import {
  emptySeries,
  midMonth,
  runs,
  summaryOn,
  uptimeReport,
  uptimeRows,
} from '../../__testUtils__/fixtures';
import { allLikeDevA } from '../../__testUtils__/allocation';
import { CostUptimePage as Page } from './CostUptimePage';

/** The page with its own permission cache, so each test's decision counts. */
function CostUptimePage() {
  return (
    <SWRConfig value={{ provider: () => new Map() }}>
      <Page />
    </SWRConfig>
  );
}

function api(overrides: Partial<CostUptimeApi> = {}): CostUptimeApi {
  return {
    getSummary: jest.fn(async () => midMonth),
    getSeries: jest.fn(async () =>
      emptySeries({
        keys: [{ key: 'prod' }],
        points: [
          { period: '2026-12-14', key: 'prod', amount: 300, estimated: false },
        ],
      }),
    ),
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
    getAllocation: jest.fn(allLikeDevA),
    ...overrides,
  } as unknown as CostUptimeApi;
}

const allowRun = mockApis.permission({
  authorize: request =>
    request.permission.name === 'cost-uptime.collection.run'
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
});

/** The page after a partial collection run that warned `warning`, without uptime rows. */
async function renderAfterWarning(warning: CollectionRun['warnings'][number]) {
  const run = {
    ...runs[0],
    status: 'partial' as const,
    error: warning.message,
    warnings: [warning],
  };
  const getRuns = jest.fn(async () => [run]);
  const getUptime = jest.fn(async () => uptimeReport([]));
  await renderInTestApp(<CostUptimePage />, {
    apis: [[costUptimeApiRef, api({ getRuns, getUptime })]],
  });
}

describe('CostUptimePage', () => {
  it('shows "Run collection now" to a user who holds the run permission', async () => {
    await renderInTestApp(<CostUptimePage />, {
      apis: [[costUptimeApiRef, api()], allowRun],
    });
    expect(
      await screen.findByRole('button', { name: 'Run collection now' }),
    ).toBeInTheDocument();
  });

  it('hides "Run collection now" from a user without the run permission', async () => {
    await renderInTestApp(<CostUptimePage />, {
      apis: [
        [costUptimeApiRef, api()],
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
      ],
    });
    expect(await screen.findByTestId('stat-month-to-date')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: 'Run collection now' }),
    ).not.toBeInTheDocument();
  });

  it("names the environment of a 'prometheus-failed' warning on the uptime card", async () => {
    await renderAfterWarning({
      code: 'prometheus-failed',
      source: 'prometheus',
      environment: 'dev-a',
      message: 'connect ECONNREFUSED',
    });
    expect(
      await screen.findByText(
        'Uptime is unavailable: Prometheus of dev-a could not be read',
      ),
    ).toBeInTheDocument();
  });

  it('does not read a Prometheus outage out of other warnings’ text', async () => {
    await renderAfterWarning({
      code: 'alerts-failed',
      source: 'alerts',
      message: 'Prometheus alert rules missing',
    });
    expect(await screen.findByTestId('stat-month-to-date')).toBeInTheDocument();
    expect(screen.queryByText(/Uptime is unavailable/)).not.toBeInTheDocument();
    expect(
      screen.queryByText('Unavailable: Prometheus could not be read'),
    ).not.toBeInTheDocument();
  });

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
      apis: [[costUptimeApiRef, costUptime], alerts, allowRun],
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
            getSeries: jest.fn(async () => emptySeries()),
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
