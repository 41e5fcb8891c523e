import { fireEvent, screen } from '@testing-library/react';
import type { CostUptimeApi } from '../../api';
import { allLikeDevA, onlyDevAAllocated } from '../../__testUtils__/allocation';
import { billedByEnvironment } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { CoverageCard } from './CoverageCard';

const summary = billedByEnvironment({ 'dev-a': 651.41, qa: 10, '': 5 });

async function renderWith(getAllocation: CostUptimeApi['getAllocation']) {
  const api: Partial<CostUptimeApi> = { getAllocation: jest.fn(getAllocation) };
  await renderWithApi(<CoverageCard summary={summary} />, api);
  return api;
}

describe('CoverageCard', () => {
  it('says where each environment’s bill went', async () => {
    const api = await renderWith(onlyDevAAllocated);
    const lines = await screen.findAllByTestId('coverage-line');
    expect(lines.map(l => l.textContent)).toEqual([
      'Of $651.41 billed to dev-a this month: $275.73 to services, $121.07 shared, $230.11 idle, $24.50 untagged',
      'qa: no allocation yet.',
    ]);
    expect(api.getAllocation).toHaveBeenCalledTimes(2);
  });

  it('downloads the split as CSV', async () => {
    const createObjectURL = jest.fn((_: Blob) => 'blob:x');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderWith(allLikeDevA);
    await screen.findAllByTestId('coverage-line');
    fireEvent.click(screen.getByText('Export allocation CSV'));
    expect(click).toHaveBeenCalled();
    const blob = createObjectURL.mock.calls[0][0];
    const text = await blob.text();
    expect(text).toContain(',service,shop-backend,275.73,201.33,74.4,');
    expect(text).toContain(',untagged,,24.5,');
    click.mockRestore();
  });
});
