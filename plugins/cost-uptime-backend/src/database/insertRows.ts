import type { Knex } from 'knex';

/**
 * Most bound values one statement carries: below SQLite's 32,766 host
 * parameters and PostgreSQL's 65,535; on MariaDB well under the default
 * max_allowed_packet (16 MiB) for short values.
 */
export const MAX_BINDINGS = 30_000;

/**
 * Inserts rows of plain values as few multi-row `INSERT … VALUES (…),(…)`
 * statements as the binding limit allows. Builds the SQL once per statement
 * size instead of letting the query builder inspect every row's keys, which
 * is what a bulk write of a month of cost facts spends most of its time on.
 * Returns the number of rows inserted.
 */
export async function insertRows(
  trx: Knex.Transaction,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Knex.Value[])[],
  maxBindings: number,
): Promise<number> {
  const perStatement = Math.max(1, Math.floor(maxBindings / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into ?? (${columns.map(() => '??').join(', ')}) values `;
  let sql = '';
  let sqlRows = -1;
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    if (part.length !== sqlRows) {
      sql = head + new Array(part.length).fill(tuple).join(', ');
      sqlRows = part.length;
    }
    const values: Knex.Value[] = part.flat();
    await trx.raw(sql, [table, ...columns, ...values]);
  }
  return rows.length;
}

/**
 * `INSERT INTO table (columns…) SELECT …`: writes what `select` answers, its
 * columns in the order named, inside the database.
 */
export function insertSelect(
  trx: Knex.Transaction,
  table: string,
  columns: readonly string[],
  select: Knex.QueryBuilder,
) {
  const list = columns.map(() => '??').join(', ');
  return trx.into(trx.raw(`?? (${list})`, [table, ...columns])).insert(select);
}

/**
 * The rows with one key summed into one, amounts added and estimated if any
 * was (Cost Explorer may split one day's groups over pages). Copies; each
 * key stays where it first came.
 */
export function sumDuplicates<T extends { amount: number; estimated: boolean }>(
  rows: readonly T[],
  keyOf: (row: T) => string,
): T[] {
  const merged = new Map<string, T>();
  for (const r of rows) {
    const k = keyOf(r);
    const prev = merged.get(k);
    if (prev) {
      prev.amount += r.amount;
      prev.estimated = prev.estimated || r.estimated;
    } else merged.set(k, { ...r });
  }
  return [...merged.values()];
}
