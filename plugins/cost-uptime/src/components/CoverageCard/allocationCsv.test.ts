import {
  devAAllocation,
  emptyAllocation,
} from '../../__testUtils__/allocation';
import { allocationCsv, csvText } from './allocationCsv';
import { coverageOf } from './coverage';

describe('coverageOf', () => {
  it('splits the environment total into services, shared, idle and untagged', () => {
    const c = coverageOf(devAAllocation);
    expect(c).toEqual({
      total: 651.41,
      services: 275.73,
      shared: 121.07,
      idle: 230.11,
      untagged: 24.5,
    });
    expect(
      Math.round((c.services + c.shared + c.idle + c.untagged) * 100),
    ).toBe(Math.round(c.total * 100));
  });
});

describe('allocationCsv', () => {
  it('has a row per service and per shared, idle and untagged part', () => {
    const lines = allocationCsv([devAAllocation]).trim().split('\n');
    expect(lines).toEqual([
      'environment,from,to,currency,source,estimated_days,part,service,amount,allocated,direct,cpu_efficiency,memory_efficiency,rightsizing_saving_per_month',
      'dev-a,2026-12-01,2026-12-14,USD,metrics,2026-12-13 2026-12-14,service,shop-backend,275.73,201.33,74.4,0.58,0.71,18.2',
      'dev-a,2026-12-01,2026-12-14,USD,metrics,2026-12-13 2026-12-14,shared,,121.07,,,,,',
      'dev-a,2026-12-01,2026-12-14,USD,metrics,2026-12-13 2026-12-14,idle,,230.11,,,,,',
      'dev-a,2026-12-01,2026-12-14,USD,metrics,2026-12-13 2026-12-14,untagged,,24.5,,,,,',
    ]);
    const amounts = lines
      .slice(1)
      .map(l => Number(l.split(',')[8]))
      .reduce((a, b) => a + b, 0);
    expect(Math.round(amounts * 100)).toBe(65141);
  });

  it('writes an environment without allocation as zero parts', () => {
    const lines = allocationCsv([emptyAllocation('qa')])
      .trim()
      .split('\n');
    expect(lines.slice(1).map(l => l.split(',').slice(4, 9))).toEqual([
      ['none', '', 'shared', '', '0'],
      ['none', '', 'idle', '', '0'],
      ['none', '', 'untagged', '', '0'],
    ]);
  });

  it('quotes separators and defuses formula-like tag values', () => {
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('=cmd()')).toBe("'=cmd()");
    expect(csvText('@x')).toBe("'@x");
    expect(csvText('dev-a')).toBe('dev-a');
  });
});
