import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { midMonth, summaryOn } from '../../__testUtils__/fixtures';
import { ByEnvironmentCard } from './ByEnvironmentCard';

describe('ByEnvironmentCard', () => {
  it("shows each environment's cost and change over the compared days", async () => {
    await renderInTestApp(<ByEnvironmentCard summary={midMonth} />);
    expect(await screen.findByText('Dec 1–14 vs Nov 1–14')).toBeInTheDocument();
    expect(screen.getByText('dev-a')).toBeInTheDocument();
    expect(screen.getByText('$1,321.50', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('-5.6%', { exact: false })).toBeInTheDocument();
  });

  it('explains an empty breakdown on the 1st', async () => {
    await renderInTestApp(
      <ByEnvironmentCard summary={summaryOn('2026-12-01', '2026-11-30')} />,
    );
    expect(await screen.findByTestId('breakdown-empty')).toHaveTextContent(
      'No billed cost collected for November. No billed day in December yet',
    );
  });
});
