import type { AmountByKey } from '../database/CostStore';
import type { CostSeries } from '@internal/plugin-cost-uptime-common';

/** Code-point order, the same on every database and in every locale. */
function compareKeys(a: string, b: string) {
  return Number(a > b) - Number(a < b);
}

// The key folded keys are summed under: '#' is allowed neither in AWS tag
// values nor in entity refs.
export const OTHER_KEY = '#other';

/** The `top` keys by total, largest first (ties by key, for a stable answer). */
export function biggest(totals: Map<string, number>, top: number): Set<string> {
  return new Set(
    [...totals]
      .sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0]))
      .slice(0, top)
      .map(([key]) => key),
  );
}

/** Kept points, then per period one "Other" point; periods in order. */
export function withOther(
  kept: AmountByKey[],
  other: Map<string, AmountByKey>,
) {
  return [...kept, ...other.values()].sort((a, b) =>
    compareKeys(a.period, b.period),
  );
}

/**
 * Keeps the `top` keys with the largest total over the series and sums the
 * others per period into one "Other" key: a chart draws a handful of stacks,
 * and 500 environments x 31 days of points made the answer ~1 MB.
 */
export function foldSmallKeys(
  points: AmountByKey[],
  keys: CostSeries['keys'],
  top: number,
): {
  points: AmountByKey[];
  keys: CostSeries['keys'];
  other: { key: string; count: number };
} {
  const totals = new Map<string, number>(keys.map(k => [k.key, 0]));
  for (const p of points)
    totals.set(p.key, (totals.get(p.key) ?? 0) + p.amount);
  const kept = biggest(totals, top);
  const others = new Map<string, AmountByKey>();
  for (const p of points) {
    if (kept.has(p.key)) continue;
    const o = others.get(p.period);
    if (o) {
      o.amount += p.amount;
      o.estimated = o.estimated || p.estimated;
    } else others.set(p.period, { ...p, key: OTHER_KEY });
  }
  return {
    points: withOther(
      points.filter(p => kept.has(p.key)),
      others,
    ),
    keys: [
      ...keys.filter(k => kept.has(k.key)),
      { key: OTHER_KEY, title: 'Other' },
    ],
    other: { key: OTHER_KEY, count: totals.size - kept.size },
  };
}
