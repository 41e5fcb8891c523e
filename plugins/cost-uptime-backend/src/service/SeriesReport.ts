import { InputError } from '@backstage/errors';
import type {
  CostSeries,
  SeriesQuery,
} from '@internal/plugin-cost-uptime-common';
import { DateTime } from 'luxon';
import type { AmountByKey } from '../database/CostStore';
import type { CostEntity } from './EntityDirectory';
import type { ReportContext } from './ReportContext';
import { biggest, foldSmallKeys, OTHER_KEY, withOther } from './seriesFolding';

/** Cost series by day or month, grouped by AWS service, environment or entity. */
export class SeriesReport {
  constructor(private readonly ctx: ReportContext) {}

  async series(q: SeriesQuery): Promise<CostSeries> {
    const today = this.ctx.today();
    const day = q.granularity === 'day';
    const to =
      q.to ?? (day ? today.toISODate()! : today.toFormat('yyyy-MM-dd'));
    const from =
      q.from ??
      (day
        ? today.minus({ days: 30 })
        : today.minus({ months: 11 }).startOf('month')
      ).toISODate()!;
    if (from > to) throw new InputError('from must not be after to');
    const span = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days;
    if (span > 800) throw new InputError('A series covers at most 800 days');
    const fromMonth = from.slice(0, 7);
    const toMonth = to.slice(0, 7);

    let points: AmountByKey[] = [];
    const keys: CostSeries['keys'] = [];
    let other: CostSeries['other'];
    const fetchTag = (tagKey: string, tagValue?: string) =>
      day
        ? this.ctx.store.dailyByTag({ tagKey, from, to, tagValue })
        : this.ctx.store.monthly({
            tagKey,
            fromMonth,
            toMonth,
            groupBy: 'tag',
            tagValue,
          });

    if (q.groupBy === 'awsService') {
      const tagKey = q.filter?.tagKey ?? this.ctx.primaryTagKey;
      points = day
        ? await this.ctx.store.dailyByAwsService({
            tagKey,
            from,
            to,
            tagValue: q.filter?.tagValue,
          })
        : await this.ctx.store.monthly({
            tagKey,
            fromMonth,
            toMonth,
            groupBy: 'awsService',
            tagValue: q.filter?.tagValue,
          });
    } else if (q.groupBy === 'environment') {
      const tagKey = q.filter?.tagKey ?? this.ctx.primaryTagKey;
      const estimates =
        day && tagKey === 'environment' && to >= today.toISODate()!
          ? await this.estimatePoints(today, q.filter?.tagValue)
          : [];
      const top =
        day && q.top !== undefined && !q.filter
          ? await this.topTagsByDay(tagKey, from, to, q.top, estimates)
          : undefined;
      if (top) {
        points = top.points;
        other = top.other;
      } else {
        points = await fetchTag(tagKey, q.filter?.tagValue);
        points.push(...estimates);
      }
      const titles = await this.ctx.titles(tagKey);
      for (const key of new Set(points.map(p => p.key))) {
        if (key === other?.key) continue;
        const e = titles.get(key);
        keys.push({
          key,
          title: e?.title ?? (key === '' ? 'Untagged' : key),
          entityRef: e?.entityRef,
        });
      }
      if (other) keys.push({ key: other.key, title: 'Other' });
    } else {
      // Catalog entities: each stands for one tag value of its tag key.
      const entities = (await this.ctx.entities.list()).filter(
        e =>
          !q.filter ||
          (e.tagKey === q.filter.tagKey && e.tagValue === q.filter.tagValue),
      );
      const byKey = new Map<string, CostEntity[]>();
      for (const e of entities)
        byKey.set(e.tagKey, [...(byKey.get(e.tagKey) ?? []), e]);
      for (const [tagKey, list] of byKey) {
        const rows = await fetchTag(tagKey);
        const refs = new Map(list.map(e => [e.tagValue, e]));
        for (const r of rows) {
          const e = refs.get(r.key);
          if (e) points.push({ ...r, key: e.entityRef });
        }
        for (const e of list)
          keys.push({
            key: e.entityRef,
            title: e.title,
            entityRef: e.entityRef,
          });
      }
    }
    if (q.groupBy === 'awsService') {
      for (const key of new Set(points.map(p => p.key)))
        keys.push({ key, title: key });
    }
    const folded =
      !other && q.top !== undefined && keys.length > q.top
        ? foldSmallKeys(points, keys, q.top)
        : { points, keys, other };
    return {
      currency: this.ctx.options.currency,
      granularity: q.granularity,
      groupBy: q.groupBy,
      from,
      to,
      keys: folded.keys,
      points: folded.points.map(p => ({
        ...p,
        amount: this.ctx.money(p.amount),
      })),
      ...(folded.other && { other: folded.other }),
    };
  }

  /**
   * The daily series by tag value folded to the `top` biggest, without
   * reading the others: their sum per day is the day's overall total minus
   * the kept ones, and the overall rollup's counts say whether any of them
   * had cost or an estimate that day. Undefined when there are no more tag
   * values than `top` (the full series is then the answer).
   */
  private async topTagsByDay(
    tagKey: string,
    from: string,
    to: string,
    top: number,
    estimates: AmountByKey[],
  ): Promise<
    | { points: AmountByKey[]; other: NonNullable<CostSeries['other']> }
    | undefined
  > {
    const [sums, overall] = await Promise.all([
      this.ctx.store.sumsByKey({ tagKey, from, to, by: 'tag' }),
      this.ctx.store.overallByDay({ tagKey, from, to }),
    ]);
    const totals = new Map(sums.map(s => [s.key, s.amount]));
    for (const e of estimates)
      totals.set(e.key, (totals.get(e.key) ?? 0) + e.amount);
    if (totals.size <= top) return undefined;
    const kept = biggest(totals, top);
    const keptPoints = await this.ctx.store.dailyByTag({
      tagKey,
      from,
      to,
      tagValues: [...kept],
    });
    const keptByDay = new Map<
      string,
      { amount: number; count: number; estimated: number }
    >();
    for (const p of keptPoints) {
      const k = keptByDay.get(p.period) ?? {
        amount: 0,
        count: 0,
        estimated: 0,
      };
      k.amount += p.amount;
      k.count += 1;
      if (p.estimated) k.estimated += 1;
      keptByDay.set(p.period, k);
    }
    const others = new Map<string, AmountByKey>();
    const addOther = (p: AmountByKey) => {
      const o = others.get(p.period);
      if (o) {
        o.amount += p.amount;
        o.estimated = o.estimated || p.estimated;
      } else others.set(p.period, { ...p, key: OTHER_KEY });
    };
    for (const o of overall) {
      const k = keptByDay.get(o.period) ?? {
        amount: 0,
        count: 0,
        estimated: 0,
      };
      if (o.tagValues > k.count) {
        addOther({
          period: o.period,
          key: OTHER_KEY,
          amount: o.amount - k.amount,
          estimated: o.estimatedTagValues > k.estimated,
        });
      }
    }
    const keptEstimates: AmountByKey[] = [];
    for (const e of estimates) {
      if (kept.has(e.key)) keptEstimates.push(e);
      else addOther(e);
    }
    return {
      points: withOther([...keptPoints, ...keptEstimates], others),
      other: { key: OTHER_KEY, count: totals.size - kept.size },
    };
  }

  private async estimatePoints(
    today: DateTime,
    environment?: string,
  ): Promise<AmountByKey[]> {
    const rows = await this.ctx.store.estimates(`${today.toISODate()}T00`);
    const byEnv = new Map<string, number>();
    for (const r of rows) {
      if (environment && r.environment !== environment) continue;
      byEnv.set(r.environment, (byEnv.get(r.environment) ?? 0) + r.amount);
    }
    return [...byEnv].map(([key, amount]) => ({
      period: today.toISODate()!,
      key,
      amount,
      estimated: true,
    }));
  }
}
