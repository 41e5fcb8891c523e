/**
 * Rounds amounts to cents so that they add up to a given total in cents
 * (largest remainder; ties go to the key that sorts first), the same way on
 * every run.
 */
export function distributeCents(
  amounts: { key: string; amount: number }[],
  totalCents: number,
): Map<string, number> {
  const parts = amounts.map(a => {
    const exact = a.amount * 100;
    // A tiny epsilon keeps 12.999999999 (float noise) from rounding down.
    const floor = Math.floor(exact + 1e-7);
    return { key: a.key, floor, rest: exact - floor };
  });
  let missing = totalCents - parts.reduce((s, p) => s + p.floor, 0);
  const order = [...parts].sort(
    (a, b) => b.rest - a.rest || compareKeys(a.key, b.key),
  );
  const out = new Map(parts.map(p => [p.key, p.floor]));
  // The floors never exceed the total by more than float noise; a negative
  // gap takes cents back from the smallest remainders.
  for (let i = 0; missing > 0; i = (i + 1) % order.length, missing--) {
    out.set(order[i].key, out.get(order[i].key)! + 1);
  }
  for (let i = order.length - 1; missing < 0; i = (i || order.length) - 1) {
    const key = order[i].key;
    if (out.get(key)! > 0) {
      out.set(key, out.get(key)! - 1);
      missing++;
    }
  }
  return out;
}

/** USD to whole cents. */
export function toCents(usd: number): number {
  return Math.round(usd * 100 + Number.EPSILON);
}

/** Code-unit order, the same under every locale. */
function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
