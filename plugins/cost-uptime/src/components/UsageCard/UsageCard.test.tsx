import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { UsageCard } from './UsageCard';

describe('UsageCard', () => {
  it('titles one chart per metric with its unit and switches granularity', async () => {
    const onGranularity = jest.fn();
    await renderInTestApp(
      <UsageCard
        state={{
          value: {
            environments: ['prod'],
            points: [
              {
                ts: '2026-12-15T03',
                environment: 'prod',
                metric: 'nodes',
                value: 3,
              },
            ],
          },
        }}
        granularity="hour"
        onGranularity={onGranularity}
      />,
    );
    expect(await screen.findByText('CPU (%)')).toBeInTheDocument();
    expect(screen.getByText('Network (KB/s)')).toBeInTheDocument();
    expect(screen.getByText('Nodes')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Daily, 30 days' }));
    expect(onGranularity).toHaveBeenCalledWith('day');
  });

  it('says there is no usage yet', async () => {
    await renderInTestApp(
      <UsageCard
        state={{ value: { environments: [], points: [] } }}
        granularity="day"
        onGranularity={jest.fn()}
      />,
    );
    expect(await screen.findByText('No usage data yet.')).toBeInTheDocument();
  });
});
