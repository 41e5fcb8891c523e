/*
 * The GetCostAndUsage answer: the request checked as Cost Explorer checks
 * it, one result per day (grouped by up to two tags or SERVICE), split into
 * pages of at most `pageGroups` groups.
 */
import { invalid } from './awsJson.ts';
import { dayNumber, dayString } from './data.ts';
import { nextPageToken, pageOffset } from './pageToken.ts';
import {
  isEstimated,
  reportedAmount,
  type Reporting,
  type TagFilter,
} from './reporting.ts';

type GroupBy = { Type: string; Key: string };

export interface GetCostAndUsageInput {
  TimePeriod?: { Start?: string; End?: string };
  Granularity?: string;
  Metrics?: string[];
  GroupBy?: GroupBy[];
  NextPageToken?: string;
  /** Only `{ Tags: { Key, Values } }` is played here. */
  Filter?: { Tags?: { Key?: string; Values?: string[] } };
}

interface CostAndUsageQuery {
  days: string[];
  metrics: string[];
  groupBy: GroupBy[];
  filter: TagFilter;
}

function tagFilterOf(input: GetCostAndUsageInput): TagFilter {
  if (!input.Filter) return undefined;
  const tags = input.Filter.Tags;
  if (Object.keys(input.Filter).length !== 1 || !tags?.Key || !tags.Values) {
    throw invalid('Only a Tags filter with Key and Values is supported here');
  }
  return { key: tags.Key, values: tags.Values };
}

function checkTimePeriod(start?: string, end?: string): [string, string] {
  if (
    !start ||
    !end ||
    !/^\d{4}-\d{2}-\d{2}$/.test(start) ||
    !/^\d{4}-\d{2}-\d{2}/.test(end)
  ) {
    throw invalid('TimePeriod Start and End are required');
  }
  return [start, end];
}

function checkGroupBy(groupBy: GroupBy[]): GroupBy[] {
  if (groupBy.length > 2) throw invalid('GroupBy accepts at most 2 groups');
  for (const g of groupBy) {
    if (g.Type !== 'TAG' && !(g.Type === 'DIMENSION' && g.Key === 'SERVICE')) {
      throw invalid(`GroupBy ${g.Type} ${g.Key} is not supported here`);
    }
  }
  return groupBy;
}

/** The request's days (up to yesterday: data lags), metrics and groups. */
function queryOf(r: Reporting, input: GetCostAndUsageInput): CostAndUsageQuery {
  const [start, end] = checkTimePeriod(
    input.TimePeriod?.Start,
    input.TimePeriod?.End,
  );
  if (input.Granularity !== 'DAILY' && input.Granularity !== 'MONTHLY') {
    throw invalid(`Granularity ${input.Granularity} is not supported here`);
  }
  const metrics = input.Metrics ?? [];
  if (metrics.length === 0) throw invalid('Metrics are required');
  const groupBy = checkGroupBy(input.GroupBy ?? []);
  const filter = tagFilterOf(input);
  const startN = dayNumber(start);
  // Data lags: nothing for today or later yet.
  const endN = Math.min(dayNumber(end), r.today());
  if (startN >= dayNumber(end)) {
    throw invalid('Start date must be before end date');
  }
  if (startN < r.today() - 13 * 31 - 31) {
    throw invalid('historical data beyond 13 months is not available');
  }
  const days: string[] = [];
  for (let n = startN; n < endN; n++) days.push(dayString(n));
  return { days, metrics, groupBy, filter };
}

function metricsOf(metrics: string[], amount: number) {
  return Object.fromEntries(
    metrics.map(m => [m, { Amount: amount.toFixed(10), Unit: 'USD' }]),
  );
}

/** One day's groups: every combination of the GroupBy values that has cost. */
function groupsOf(r: Reporting, day: string, q: CostAndUsageQuery) {
  const { groupBy, metrics, filter } = q;
  if (!groupBy.length) return [];
  const valuesOf = (g: GroupBy) =>
    g.Type === 'TAG' ? r.biller.tagValues(g.Key, day) : r.biller.awsServices;
  let combos: string[][] = [[]];
  for (const g of groupBy) {
    combos = combos.flatMap(c => valuesOf(g).map(v => [...c, v]));
  }
  const groups = [];
  for (const combo of combos) {
    const tags: Record<string, string> = {};
    let service: string | undefined;
    groupBy.forEach((g, k) => {
      if (g.Type === 'TAG') tags[g.Key] = combo[k];
      else service = combo[k];
    });
    const amount = reportedAmount(r, day, tags, service, filter);
    // Cost Explorer leaves out groups without cost.
    if (amount === 0) continue;
    groups.push({
      Keys: groupBy.map((g, k) =>
        g.Type === 'TAG' ? `${g.Key}$${combo[k]}` : combo[k],
      ),
      Metrics: metricsOf(metrics, amount),
    });
  }
  return groups;
}

function resultOf(r: Reporting, day: string, q: CostAndUsageQuery) {
  const total = reportedAmount(r, day, {}, undefined, q.filter);
  return {
    TimePeriod: { Start: day, End: dayString(dayNumber(day) + 1) },
    Total: q.groupBy.length ? {} : metricsOf(q.metrics, total),
    Groups: groupsOf(r, day, q),
    Estimated: isEstimated(r, day),
  };
}

export function getCostAndUsage(r: Reporting, input: GetCostAndUsageInput) {
  const q = queryOf(r, input);
  const offset = pageOffset(input);
  const results = [];
  let groupsInPage = 0;
  let i = offset;
  for (; i < q.days.length; i++) {
    const result = resultOf(r, q.days[i], q);
    const groups = result.Groups.length;
    if (results.length > 0 && groupsInPage + groups > r.state.pageGroups) break;
    groupsInPage += groups;
    results.push(result);
  }
  const body: Record<string, unknown> = {
    GroupDefinitions: q.groupBy,
    ResultsByTime: results,
    DimensionValueAttributes: [],
  };
  if (i < q.days.length) body.NextPageToken = nextPageToken(input, i);
  return body;
}
