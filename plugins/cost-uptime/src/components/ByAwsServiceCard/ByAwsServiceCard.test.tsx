import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { midMonth, summaryOn } from '../../__testUtils__/fixtures';
import { ByAwsServiceCard } from './ByAwsServiceCard';

describe('ByAwsServiceCard', () => {
  it('titles the card with the compared days', async () => {
    await renderInTestApp(<ByAwsServiceCard summary={midMonth} />);
    expect(await screen.findByText('By AWS service')).toBeInTheDocument();
    expect(screen.getByText('Dec 1–14 vs Nov 1–14')).toBeInTheDocument();
    expect(screen.queryByTestId('breakdown-empty')).not.toBeInTheDocument();
  });

  it('says when the comparison is not all collected', async () => {
    await renderInTestApp(
      <ByAwsServiceCard
        summary={{ ...midMonth, breakdownPreviousDaysStored: 0 }}
      />,
    );
    expect(
      await screen.findByText(
        'Nothing collected for Nov 1–14: no change shown.',
      ),
    ).toBeInTheDocument();
  });

  it('explains an empty breakdown', async () => {
    await renderInTestApp(
      <ByAwsServiceCard summary={summaryOn('2026-12-15', '2026-12-14')} />,
    );
    expect(await screen.findByTestId('breakdown-empty')).toHaveTextContent(
      'No billed cost collected for Dec 1–14 2026.',
    );
  });
});
