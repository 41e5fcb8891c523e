import type { CostSeries } from '@internal/plugin-cost-uptime-common';
import { pivot } from './charts';

const base: Omit<CostSeries, 'keys' | 'points' | 'other'> = {
  currency: 'USD',
  granularity: 'day',
  groupBy: 'environment',
  from: '2026-11-18',
  to: '2026-11-19',
};

describe('pivot', () => {
  it("draws the server's folded keys in the same Other stack as its own", () => {
    const series: CostSeries = {
      ...base,
      keys: [
        { key: 'prod', title: 'Production' },
        { key: 'dev-a' },
        { key: 'dev-b' },
        { key: '#other', title: 'Other' },
      ],
      points: [
        { period: '2026-11-18', key: 'prod', amount: 50, estimated: false },
        { period: '2026-11-18', key: 'dev-a', amount: 20, estimated: false },
        { period: '2026-11-18', key: 'dev-b', amount: 5, estimated: false },
        // Bigger than dev-a, but stands for many keys: never a stack of its own.
        { period: '2026-11-18', key: '#other', amount: 30, estimated: false },
        { period: '2026-11-19', key: 'prod', amount: 51, estimated: false },
        { period: '2026-11-19', key: '#other', amount: 31.5, estimated: true },
      ],
      other: { key: '#other', count: 40 },
    };
    const { rows, keys } = pivot(series, 2);
    expect(keys).toEqual([
      { key: 'prod', title: 'Production' },
      { key: 'dev-a', title: 'dev-a' },
      { key: 'Other', title: 'Other' },
    ]);
    expect(rows).toEqual([
      {
        period: '2026-11-18',
        estimated: false,
        prod: 50,
        'dev-a': 20,
        Other: 35,
      },
      { period: '2026-11-19', estimated: true, prod: 51, Other: 31.5 },
    ]);
  });

  it('shows every key of a full series when there are few', () => {
    const { keys } = pivot({
      ...base,
      keys: [{ key: 'prod' }, { key: '' }],
      points: [
        { period: '2026-11-18', key: 'prod', amount: 5, estimated: false },
        { period: '2026-11-18', key: '', amount: 1, estimated: false },
      ],
    });
    expect(keys).toEqual([
      { key: 'prod', title: 'prod' },
      { key: '', title: 'Untagged' },
    ]);
  });
});
