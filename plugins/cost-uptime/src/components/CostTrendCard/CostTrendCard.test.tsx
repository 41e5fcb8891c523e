import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { emptySeries } from '../../__testUtils__/fixtures';
import { CostTrendCard } from './CostTrendCard';

const series = emptySeries();

describe('CostTrendCard', () => {
  it('offers the dimensions and ranges and reports a choice', async () => {
    const onGroupBy = jest.fn();
    const onRange = jest.fn();
    await renderInTestApp(
      <CostTrendCard
        state={{ value: series }}
        groupBy="environment"
        onGroupBy={onGroupBy}
        range="30d"
        onRange={onRange}
      />,
    );
    expect(await screen.findByText('Cost trend')).toBeInTheDocument();
    expect(screen.getByText('No cost in this range.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'AWS service' }));
    expect(onGroupBy).toHaveBeenCalledWith('awsService');
    fireEvent.click(screen.getByRole('button', { name: '12 months' }));
    expect(onRange).toHaveBeenCalledWith('12m');
  });
});
