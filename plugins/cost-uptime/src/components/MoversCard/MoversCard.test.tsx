import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { midMonth } from '../../__testUtils__/fixtures';
import { MoversCard } from './MoversCard';

describe('MoversCard', () => {
  it('lists each mover with its dimension and the change in money', async () => {
    await renderInTestApp(
      <MoversCard movers={midMonth.movers} currency="USD" />,
    );
    const table = await screen.findByRole('table', { name: 'Biggest movers' });
    expect(
      within(table).getByRole('columnheader', { name: 'Last 7 days' }),
    ).toBeInTheDocument();
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('dev-aenvironment$700.00$500.00+$200.00');
  });

  it('says that movers need two weeks of history', async () => {
    await renderInTestApp(<MoversCard movers={[]} currency="KRW" />);
    expect(
      await screen.findByText('Not enough history yet: movers need two weeks.'),
    ).toBeInTheDocument();
  });
});
