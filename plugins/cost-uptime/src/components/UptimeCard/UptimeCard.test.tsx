import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { uptimeRows } from '../../__testUtils__/fixtures';
import { UptimeCard } from './UptimeCard';

describe('UptimeCard', () => {
  it('shows availability, SLO and error budget per service and environment', async () => {
    await renderInTestApp(
      <UptimeCard state={{ value: { rows: uptimeRows, days: 30 } }} />,
    );
    const table = await screen.findByRole('table', {
      name: 'Uptime against SLO',
    });
    expect(
      within(table).getByRole('columnheader', { name: '30-day availability' }),
    ).toBeInTheDocument();
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Shop backendprod99.950%99.90%50%');
    expect(within(row).getByText('SLO met')).toBeInTheDocument();
  });

  it("shows the last collection's Prometheus problem instead of an empty table", async () => {
    await renderInTestApp(
      <UptimeCard
        state={{ value: { rows: [], days: 30 } }}
        problem={'Prometheus prod unreachable\nstack'}
      />,
    );
    expect(
      await screen.findByText(
        'Uptime is unavailable: Prometheus prod unreachable',
      ),
    ).toBeInTheDocument();
  });
});
