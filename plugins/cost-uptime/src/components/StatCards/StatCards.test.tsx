import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { midMonth, uptimeRows } from '../../__testUtils__/fixtures';
import { StatCards } from './StatCards';

describe('StatCards', () => {
  it('shows the month so far, forecast, uptime and today in en-US', async () => {
    await renderInTestApp(
      <StatCards summary={midMonth} uptimeRows={uptimeRows} />,
    );
    const mtd = await screen.findByTestId('stat-month-to-date');
    expect(mtd).toHaveTextContent('This month so far');
    expect(mtd).toHaveTextContent('$4,321.50');
    expect(mtd).toHaveTextContent('+8.0% vs $4,000.00 Nov 1–14');
    expect(mtd).toHaveTextContent('Billed Dec 1–14');
    const forecast = screen.getByTestId('stat-forecast');
    expect(forecast).toHaveTextContent('$9,800.00');
    expect(forecast).toHaveTextContent('Cost Explorer');
    expect(forecast).toHaveTextContent('vs last month $9,300.00');
    expect(screen.getByTestId('stat-uptime')).toHaveTextContent(
      '99.95%1 of 1 services meet their SLO',
    );
    expect(screen.getByTestId('stat-today')).toHaveTextContent(
      '$120.25' + '9 h so far',
    );
  });

  it('says why uptime is missing when Prometheus failed', async () => {
    await renderInTestApp(
      <StatCards summary={midMonth} uptimeRows={[]} problem="Prometheus: x" />,
    );
    expect(screen.getByTestId('stat-uptime')).toHaveTextContent(
      'Unavailable: Prometheus could not be read',
    );
  });
});
