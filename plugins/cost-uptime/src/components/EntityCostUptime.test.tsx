import { screen } from '@testing-library/react';
import type { CostUptimeApi } from '../api';
import {
  emptySeries,
  midMonth,
  uptimeReport,
  uptimeRows,
} from '../__testUtils__/fixtures';
import { renderWithApi } from '../__testUtils__/render';
import {
  EntityCostUptimeCard,
  EntityCostUptimeContent,
} from './EntityCostUptime';

/** An entity whose cost and uptime are under the tag `tag` with its name. */
const tagged = (
  kind: string,
  name: string,
  tag: 'service' | 'environment',
  spec = {},
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, annotations: { [`cost-uptime.io/${tag}`]: name } },
  spec,
});

const entity = tagged('Component', 'shop-backend', 'service');

describe('EntityCostUptimeCard', () => {
  it("shows the service's month, forecast and availability per environment", async () => {
    const api: Partial<CostUptimeApi> = {
      getSummary: jest.fn(async () => midMonth),
      getUptime: jest.fn(async () => uptimeReport(uptimeRows)),
    };
    await renderWithApi(<EntityCostUptimeCard />, api, entity);
    expect(await screen.findByTestId('entity-month-to-date')).toHaveTextContent(
      '$4,321.50',
    );
    expect(screen.getByText('last month $9,300.00')).toBeInTheDocument();
    expect(screen.getByTestId('entity-uptime')).toHaveTextContent(
      'prod99.950% · SLO 99.9% · budget left 50%',
    );
    expect(api.getUptime).toHaveBeenCalledWith({
      days: 30,
      key: 'shop-backend',
    });
  });
});

describe('EntityCostUptimeCard of an environment', () => {
  const environment = tagged('Resource', 'prod', 'environment', {
    type: 'environment',
  });
  const render = async (api: Partial<CostUptimeApi>) =>
    renderWithApi(<EntityCostUptimeCard />, api, environment);

  it('shows the SLOs of the services running there and how many meet theirs', async () => {
    const missed = {
      ...uptimeRows[0],
      key: 'shop-web',
      title: 'Shop web',
      availability: 0.998,
      errorBudgetRemaining: -1,
    };
    const noData = {
      ...uptimeRows[0],
      key: 'orders',
      title: 'Orders',
      availability: null,
      errorBudgetRemaining: null,
      hours: 0,
    };
    const api: Partial<CostUptimeApi> = {
      getSummary: jest.fn(async () => midMonth),
      getUptime: jest.fn(async () =>
        uptimeReport([missed, uptimeRows[0], noData]),
      ),
      getUsage: jest.fn(
        async () => ({ granularity: 'hour', points: [] } as any),
      ),
    };
    await render(api);
    expect(
      await screen.findByText('SLOs of the services here, last 30 days'),
    ).toBeInTheDocument();
    // Services without data count neither way.
    expect(screen.getByTestId('entity-slo-count')).toHaveTextContent(
      '1 of 2 services meet their SLO',
    );
    const rows = screen.getAllByTestId('entity-uptime');
    expect(rows.map(r => r.textContent)).toEqual([
      'Shop web99.800% · SLO 99.9% · budget left -100%',
      'Shop backend99.950% · SLO 99.9% · budget left 50%',
      expect.stringMatching(/^Orders/),
    ]);
    expect(api.getUptime).toHaveBeenCalledWith({
      days: 30,
      environment: 'prod',
    });
  });

  it('says when no service there has availability data', async () => {
    await render({
      getSummary: jest.fn(async () => midMonth),
      getUptime: jest.fn(async () => uptimeReport([])),
      getUsage: jest.fn(
        async () => ({ granularity: 'hour', points: [] } as any),
      ),
    });
    expect(
      await screen.findByText('No availability data yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('entity-slo-count')).not.toBeInTheDocument();
  });
});

describe('EntityCostUptimeContent', () => {
  it("asks once for the entity's summary and availability, also for the card it embeds", async () => {
    const getSummary = jest.fn(async (filter?: { tagKey: string }) =>
      filter ? midMonth : { ...midMonth, byEnvironment: [] },
    );
    const api: Partial<CostUptimeApi> = {
      getSummary,
      getUptime: jest.fn(async () => uptimeReport(uptimeRows)),
      getSeries: jest.fn(async () =>
        emptySeries({ groupBy: 'awsService', to: '2026-12-14' }),
      ),
      getAllocation: jest.fn(),
    };
    await renderWithApi(<EntityCostUptimeContent />, api, entity);
    expect(await screen.findByTestId('entity-month-to-date')).toHaveTextContent(
      '$4,321.50',
    );
    expect(screen.getByTestId('entity-uptime')).toBeInTheDocument();
    const filtered = getSummary.mock.calls.filter(([filter]) => filter);
    expect(filtered).toEqual([
      [{ tagKey: 'service', tagValue: 'shop-backend' }],
    ]);
    expect(api.getUptime).toHaveBeenCalledTimes(1);
  });
});
