import { monthlyRightsizingSaving, summarizeAllocation, type StoredAllocationDay } from './report';

function day(d: string, overrides: Partial<StoredAllocationDay> = {}): StoredAllocationDay {
  return {
    day: d,
    billedCents: 10_000,
    sharedCents: 1_500,
    idleCents: 2_501,
    source: 'metrics',
    estimated: false,
    services: [
      {
        service: 'shop-backend',
        allocatedCents: 4_000,
        cpuRequestCoreHours: 24,
        cpuUsageCoreHours: 6,
        memoryRequestGibHours: 48,
        memoryUsageGibHours: 36,
        rightsizingSavingCents: 1_000,
      },
      {
        service: 'shop-web',
        allocatedCents: 1_999,
        cpuRequestCoreHours: 0,
        cpuUsageCoreHours: 0,
        memoryRequestGibHours: 12,
        memoryUsageGibHours: 12,
        rightsizingSavingCents: 0,
      },
    ],
    ...overrides,
  };
}

const base = {
  environment: 'dev-a',
  from: '2026-11-01',
  to: '2026-11-02',
  currency: 'USD' as const,
  rate: 1,
};

describe('summarizeAllocation', () => {
  it('sums days in cents: services + shared + idle = billed; direct and untagged beside', () => {
    const r = summarizeAllocation({
      ...base,
      days: [day('2026-11-01'), day('2026-11-02', { source: 'estimate', estimated: true })],
      direct: { 'shop-backend': 12.34, 'shop-db-only': 1 },
      environmentTotal: 230.5,
    });
    expect(r.billed).toBe(200);
    expect(r.shared).toBe(30);
    expect(r.idle).toBe(50.02);
    expect(r.services).toEqual([
      {
        service: 'shop-backend',
        allocated: 80,
        direct: 12.34,
        efficiency: { cpu: 0.25, memory: 0.75 },
        // 10.00 a day over an average month of 30.4375 days.
        rightsizingSavingPerMonth: 304.38,
      },
      {
        service: 'shop-db-only',
        allocated: 0,
        direct: 1,
        efficiency: { cpu: null, memory: null },
        rightsizingSavingPerMonth: 0,
      },
      {
        service: 'shop-web',
        allocated: 39.98,
        direct: 0,
        efficiency: { cpu: null, memory: 1 },
        rightsizingSavingPerMonth: 0,
      },
    ]);
    // 230.50 - 200 billed to the cluster - 13.34 direct.
    expect(r.untagged).toBe(17.16);
    expect(r.environmentTotal).toBe(230.5);
    expect(r.source).toBe('mixed');
    expect(r.estimatedDays).toEqual(['2026-11-02']);
    expect(r.days).toBe(2);
  });

  it('converts to the currency after summing, and says when there is nothing', () => {
    const r = summarizeAllocation({
      ...base,
      currency: 'KRW',
      rate: 1380,
      days: [day('2026-11-01')],
      direct: {},
      environmentTotal: 100,
    });
    expect(r.billed).toBe(138_000);
    expect(r.untagged).toBe(0);
    const empty = summarizeAllocation({ ...base, days: [], direct: {}, environmentTotal: 0 });
    expect(empty).toMatchObject({ billed: 0, services: [], source: 'none', days: 0 });
  });
});

describe('monthlyRightsizingSaving', () => {
  it('is the observed daily average over an average month', () => {
    // 2.00 a day.
    expect(monthlyRightsizingSaving([100, 300])).toBe(60.88);
    expect(monthlyRightsizingSaving([])).toBe(0);
  });
});
