import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { runs } from '../../__testUtils__/fixtures';
import { RunsCard } from './RunsCard';

describe('RunsCard', () => {
  it("lists runs with their duration, rows and Cost Explorer's cost", async () => {
    await renderInTestApp(<RunsCard state={{ value: runs }} />);
    expect(
      await screen.findByText(
        'Every Cost Explorer request costs USD 0.01; the last good run made 3.',
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Collection runs' });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('schedule');
    expect(row).toHaveTextContent('succeeded');
    expect(row).toHaveTextContent('2.5 s1,2343$0.03');
  });

  it('shows an error instead of the table', async () => {
    await renderInTestApp(
      <RunsCard state={{ error: new Error('backend down') }} />,
    );
    expect(await screen.findByText('Runs')).toBeInTheDocument();
    expect(screen.getByText('Error: backend down')).toBeInTheDocument();
  });
});
