import { allocateDay, percentile } from './allocate';
import { distributeCents } from './cents';
import { FIXTURE_BILLS, FIXTURE_SETTINGS, fixtureHour } from './fixture';

const day1 = Array.from({ length: 24 }, (_, i) => fixtureHour(i));
const day2 = Array.from({ length: 24 }, (_, i) => fixtureHour(24 + i));

function byService(result: ReturnType<typeof allocateDay>) {
  return Object.fromEntries(result.services.map(s => [s.service, s.allocated]));
}

describe('allocateDay', () => {
  it.each([
    {
      name: 'prices day 1 by hand: n1 $2/h, n2 $1/h, volume to its pod, ALB to its service',
      hours: day1,
      bill: FIXTURE_BILLS['2026-11-02'],
      // n1: a 1.00/h, b 0.50/h, idle 0.50/h; n2: c 0.375/h, d 0.25/h, e 0.25/h, idle 0.125/h.
      services: {
        'shop-backend': 37.8, // 24 × (1 + 0.375) + the whole volume 4.80
        'shop-web': 18.6, // 24 × (0.5 + 0.25) + half of the ELB 0.60
      },
      shared: 9, // pod d 6.00 + grafana's ALB 0.60 + control plane 2.40
      idle: 15, // 24 × (0.5 + 0.125)
      billed: 80.4,
    },
    {
      name: 'prices day 2 with a spot node joining and pod c moving to it',
      hours: day2,
      bill: FIXTURE_BILLS['2026-11-03'],
      // Weights n1 2, n2 1, n3 (spot m.big) 1: $100.01 / 96 per weight-hour.
      // Exact: backend 36.7784375, web 19.361875, shared 9.260625, idle 43.0290625;
      // the two missing cents go to the largest remainders (idle, backend).
      services: { 'shop-backend': 36.78, 'shop-web': 19.36 },
      shared: 9.26,
      idle: 43.03,
      billed: 108.43,
    },
  ])('$name', ({ hours, bill, services, shared, idle, billed }) => {
    const result = allocateDay(hours, bill, FIXTURE_SETTINGS);
    expect(byService(result)).toEqual(services);
    expect(result.shared).toBe(shared);
    expect(result.idle).toBe(idle);
    expect(result.billed).toBe(billed);
  });

  it('adds up to the bill to the cent on both days', () => {
    for (const [hours, bill] of [
      [day1, FIXTURE_BILLS['2026-11-02']],
      [day2, FIXTURE_BILLS['2026-11-03']],
    ] as const) {
      const r = allocateDay([...hours], bill, FIXTURE_SETTINGS);
      const cents =
        Math.round(r.shared * 100) +
        Math.round(r.idle * 100) +
        r.services.reduce((s, x) => s + Math.round(x.allocated * 100), 0);
      expect(cents).toBe(Math.round(r.billed * 100));
    }
  });

  it('counts requests and usage, and what p95 requests would save', () => {
    const result = allocateDay(
      day1,
      FIXTURE_BILLS['2026-11-02'],
      FIXTURE_SETTINGS,
    );
    const backend = result.services.find(s => s.service === 'shop-backend')!;
    expect(backend.cpuRequestCoreHours).toBe(72); // a 2 + c 1, 24 h
    expect(backend.cpuUsageCoreHours).toBe(36);
    expect(backend.memoryRequestGibHours).toBe(72);
    expect(backend.memoryUsageGibHours).toBe(72);
    // CPU $15 at half the charged cores ($7.50) + memory $18 at three quarters ($4.50).
    expect(backend.rightsizingSaving).toBe(12);
  });

  it('leaves cost with no nodes observed idle and still adds up', () => {
    const r = allocateDay([], FIXTURE_BILLS['2026-11-02'], FIXTURE_SETTINGS);
    expect(r).toEqual({ billed: 80.4, shared: 3.6, idle: 76.8, services: [] });
  });
});

describe('distributeCents', () => {
  it('gives missing cents to the largest remainders, ties by key', () => {
    const out = distributeCents(
      [
        { key: 'b', amount: 1 / 3 },
        { key: 'a', amount: 1 / 3 },
        { key: 'c', amount: 1 / 3 },
      ],
      100,
    );
    expect(Object.fromEntries(out)).toEqual({ a: 34, b: 33, c: 33 });
  });
});

describe('percentile', () => {
  it('is the nearest-rank percentile', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([], 95)).toBe(0);
  });
});
