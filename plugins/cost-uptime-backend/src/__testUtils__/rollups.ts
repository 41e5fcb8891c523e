import type { Knex } from 'knex';

type Agg = {
  amount: number;
  estimated: boolean;
  keys: number;
  estimatedKeys: number;
};

function add(map: Map<string, Agg>, key: string, amount: number, est: boolean) {
  const a = map.get(key) ?? {
    amount: 0,
    estimated: false,
    keys: 0,
    estimatedKeys: 0,
  };
  a.amount += amount;
  a.estimated = a.estimated || est;
  map.set(key, a);
}

/**
 * Every cost rollup, aggregated again from the raw facts in cost_daily (in
 * JavaScript, not with the SQL the store uses): what the rollup tables must
 * hold, keyed by their primary key columns joined with '|'.
 */
export async function rollupsFromFacts(knex: Knex) {
  const facts = await knex('cost_daily').select();
  const expected = {
    cost_daily_totals: new Map<string, Agg>(),
    cost_daily_services: new Map<string, Agg>(),
    cost_daily_overall: new Map<string, Agg>(),
    cost_monthly: new Map<string, Agg>(),
    cost_monthly_totals: new Map<string, Agg>(),
    cost_monthly_services: new Map<string, Agg>(),
    cost_month_to_date: new Map<string, Agg>(),
  };
  for (const f of facts) {
    const amount = Number(f.amount);
    const est = Boolean(Number(f.estimated));
    const month = String(f.day).slice(0, 7);
    add(
      expected.cost_daily_totals,
      `${f.tag_key}|${f.day}|${f.tag_value}`,
      amount,
      est,
    );
    add(
      expected.cost_daily_services,
      `${f.tag_key}|${f.day}|${f.service}`,
      amount,
      est,
    );
    add(expected.cost_daily_overall, `${f.tag_key}|${f.day}`, amount, est);
    add(
      expected.cost_monthly,
      `${f.tag_key}|${month}|${f.tag_value}|${f.service}`,
      amount,
      est,
    );
    add(
      expected.cost_monthly_totals,
      `${f.tag_key}|${month}|${f.tag_value}`,
      amount,
      est,
    );
    add(
      expected.cost_monthly_services,
      `${f.tag_key}|${month}|${f.service}`,
      amount,
      est,
    );
  }
  // How many tag values have cost, and estimated cost, on a day.
  for (const [key, t] of expected.cost_daily_totals) {
    const [tagKey, day] = key.split('|');
    const overall = expected.cost_daily_overall.get(`${tagKey}|${day}`)!;
    overall.keys += 1;
    if (t.estimated) overall.estimatedKeys += 1;
  }
  // Per stored day, each tag value's cost from the 1st of the month through
  // it; `keys` counts its days with cost.
  for (const dayKey of expected.cost_daily_overall.keys()) {
    const [tagKey, day] = dayKey.split('|');
    for (const [key, t] of expected.cost_daily_totals) {
      const [k, d, tagValue] = key.split('|');
      if (k !== tagKey || d > day || d.slice(0, 7) !== day.slice(0, 7))
        continue;
      const id = `${tagKey}|${day}|${tagValue}`;
      add(expected.cost_month_to_date, id, t.amount, false);
      expected.cost_month_to_date.get(id)!.keys += 1;
    }
  }
  return expected;
}

/** Each rollup table's key columns. */
export const ROLLUP_KEY_COLUMNS: Record<string, string[]> = {
  cost_daily_totals: ['tag_key', 'day', 'tag_value'],
  cost_daily_services: ['tag_key', 'day', 'service'],
  cost_daily_overall: ['tag_key', 'day'],
  cost_monthly: ['tag_key', 'month', 'tag_value', 'service'],
  cost_monthly_totals: ['tag_key', 'month', 'tag_value'],
  cost_monthly_services: ['tag_key', 'month', 'service'],
  cost_month_to_date: ['tag_key', 'day', 'tag_value'],
};

/**
 * Fails unless every rollup table holds exactly the aggregates of the facts:
 * the same keys (nothing stale, nothing missing), amounts equal to the cent's
 * millionth (sums of doubles in another order), the same estimated flags.
 * Returns the number of rollup rows compared, so a test can also check it
 * compared something.
 */
export async function expectRollupsMatchFacts(knex: Knex): Promise<number> {
  const expected = await rollupsFromFacts(knex);
  let compared = 0;
  for (const [table, columns] of Object.entries(ROLLUP_KEY_COLUMNS)) {
    const want = expected[table as keyof typeof expected];
    const rows = await knex(table).select();
    const got = new Map(
      rows.map(r => [columns.map(c => String(r[c])).join('|'), r]),
    );
    expect({ table, keys: [...got.keys()].sort() }).toEqual({
      table,
      keys: [...want.keys()].sort(),
    });
    for (const [key, w] of want) {
      const r = got.get(key)!;
      if (table === 'cost_month_to_date') {
        expect({ table, key, amount: Number(r.amount), days: r.days }).toEqual({
          table,
          key,
          amount: expect.closeTo(w.amount, 6),
          days: w.keys,
        });
        compared++;
        continue;
      }
      const actual = {
        table,
        key,
        amount: Number(r.amount),
        estimated: Boolean(Number(r.estimated)),
        ...(table === 'cost_daily_overall' && {
          keys: Number(r.tag_values),
          estimatedKeys: Number(r.estimated_tag_values),
        }),
      };
      expect(actual).toEqual({
        table,
        key,
        amount: expect.closeTo(w.amount, 6),
        estimated: w.estimated,
        ...(table === 'cost_daily_overall' && {
          keys: w.keys,
          estimatedKeys: w.estimatedKeys,
        }),
      });
      compared++;
    }
  }
  return compared;
}
