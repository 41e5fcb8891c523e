import type {
  CostSeries,
  Currency,
  UsagePoint,
} from '@internal/plugin-cost-uptime-common';
import { useTheme } from '@material-ui/core/styles';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { barAxes, valueGrid } from './chartParts';
import { colorFor, useCostFormat } from './format';

/** Stacks a cost chart draws; the rest is one "Other" stack. */
export const CHART_KEYS = 8;

/**
 * Rows of { period, [key]: amount } for stacked charts, keys by total size.
 * Asks for top=CHART_KEYS, so the server's "Other" (series.other) lands in
 * the same "Other" stack as any keys beyond maxKeys.
 */
export function pivot(
  series: CostSeries,
  maxKeys = CHART_KEYS,
  labels = { other: 'Other', untagged: 'Untagged' },
) {
  const folded = series.other?.key;
  const totals = new Map<string, number>();
  for (const p of series.points)
    if (p.key !== folded)
      totals.set(p.key, (totals.get(p.key) ?? 0) + p.amount);
  const ranked = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k]) => k);
  const shown = ranked.slice(0, maxKeys);
  const other =
    ranked.length > maxKeys || series.points.some(p => p.key === folded);
  const titles = new Map(series.keys.map(k => [k.key, k.title ?? k.key]));
  const rows = new Map<string, Record<string, number | string | boolean>>();
  for (const p of series.points) {
    const row = rows.get(p.period) ?? { period: p.period, estimated: false };
    const key = p.key !== folded && shown.includes(p.key) ? p.key : 'Other';
    row[key] =
      Math.round((((row[key] as number | undefined) ?? 0) + p.amount) * 100) /
      100;
    if (p.estimated) row.estimated = true;
    rows.set(p.period, row);
  }
  const titleOf = (key: string) => {
    if (key === 'Other') return labels.other;
    // Cost without the tag: the server's own title for it is English.
    if (key === '') return labels.untagged;
    return titles.get(key) || key;
  };
  const keys = [...shown, ...(other ? ['Other'] : [])].map(key => ({
    key,
    title: titleOf(key),
  }));
  return {
    rows: [...rows.values()].sort((a, b) =>
      String(a.period).localeCompare(String(b.period)),
    ),
    keys,
  };
}

/** Stacked daily or monthly cost; estimated periods are drawn paler. */
export function CostTrendChart(props: { series: CostSeries; height?: number }) {
  const theme = useTheme();
  const f = useCostFormat();
  const { rows, keys } = pivot(props.series, CHART_KEYS, {
    other: f.t('charts.other'),
    untagged: f.t('charts.untagged'),
  });
  const currency = props.series.currency;
  return (
    <ResponsiveContainer width="100%" height={props.height ?? 300}>
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        {valueGrid(theme)}
        <XAxis
          dataKey="period"
          tickFormatter={f.shortDay}
          tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
          minTickGap={16}
        />
        <YAxis
          tickFormatter={v => f.money(v, currency, true)}
          tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
          width={70}
        />
        <Tooltip
          formatter={(v: any, name: any) => [
            f.money(Number(v), currency),
            name,
          ]}
          labelFormatter={(l: any, payload: any) =>
            payload?.[0]?.payload?.estimated
              ? f.t('charts.estimate', { day: f.longDay(String(l)) })
              : f.longDay(String(l))
          }
          contentStyle={{ background: theme.palette.background.paper }}
        />
        <Legend />
        {keys.map((k, i) => (
          <Bar
            key={k.key}
            dataKey={k.key}
            name={k.title}
            stackId="cost"
            fill={colorFor(i)}
            isAnimationActive={false}
          >
            {rows.map(r => (
              <Cell
                key={String(r.period)}
                fillOpacity={r.estimated ? 0.45 : 1}
              />
            ))}
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function Donut(props: {
  data: { key: string; title: string; amount: number }[];
  currency: Currency;
  height?: number;
}) {
  const f = useCostFormat();
  return (
    <ResponsiveContainer width="100%" height={props.height ?? 220}>
      <PieChart>
        <Pie
          data={props.data}
          dataKey="amount"
          nameKey="title"
          innerRadius="55%"
          outerRadius="85%"
          paddingAngle={1}
          isAnimationActive={false}
        >
          {props.data.map((d, i) => (
            <Cell key={d.key} fill={colorFor(i)} />
          ))}
        </Pie>
        <Tooltip
          formatter={(v: any, n: any) => [
            f.money(Number(v), props.currency),
            n,
          ]}
        />
      </PieChart>
    </ResponsiveContainer>
  );
}

export function HorizontalBars(props: {
  data: {
    key: string;
    title: string;
    amount: number;
    previousAmount: number;
  }[];
  currency: Currency;
  /** Legend names of the two periods, e.g. "Dec 1–14" and "Nov 1–14". */
  currentLabel: string;
  previousLabel: string;
}) {
  const theme = useTheme();
  const f = useCostFormat();
  const height = Math.max(160, props.data.length * 34 + 40);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={props.data}
        layout="vertical"
        margin={{ left: 8, right: 24 }}
      >
        {valueGrid(theme, 'vertical')}
        {barAxes(v => f.money(v, props.currency, true), 200)}
        <Tooltip
          formatter={(v: any, n: any) => [
            f.money(Number(v), props.currency),
            n,
          ]}
        />
        <Legend />
        <Bar
          dataKey="previousAmount"
          name={props.previousLabel}
          fill={theme.palette.grey[400]}
          isAnimationActive={false}
        />
        <Bar
          dataKey="amount"
          name={props.currentLabel}
          fill={colorFor(0)}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function Sparkline(props: {
  data: { x: string; y: number }[];
  color?: string;
  height?: number;
  /** A fixed width (inside table cells); otherwise the parent's width. */
  width?: number;
  domain?: [number, number];
}) {
  const chart = (
    <AreaChart
      data={props.data}
      width={props.width}
      height={props.width ? props.height ?? 40 : undefined}
      margin={{ top: 2, right: 0, bottom: 2, left: 0 }}
    >
      <YAxis hide domain={props.domain ?? ['auto', 'auto']} />
      <Area
        type="monotone"
        dataKey="y"
        stroke={props.color ?? colorFor(0)}
        fill={props.color ?? colorFor(0)}
        fillOpacity={0.15}
        strokeWidth={2}
        isAnimationActive={false}
        dot={false}
      />
    </AreaChart>
  );
  if (props.width) return chart;
  return (
    <ResponsiveContainer width="100%" height={props.height ?? 40}>
      {chart}
    </ResponsiveContainer>
  );
}

/** One usage metric over time, one line per environment. */
export function UsageLineChart(props: {
  points: UsagePoint[];
  environments: string[];
  unit: string;
  hourly: boolean;
  height?: number;
}) {
  const theme = useTheme();
  const f = useCostFormat();
  const rows = new Map<string, Record<string, number | string>>();
  for (const p of props.points) {
    const row = rows.get(p.ts) ?? { ts: p.ts };
    row[p.environment] = p.value;
    rows.set(p.ts, row);
  }
  const data = [...rows.values()].sort((a, b) =>
    String(a.ts).localeCompare(String(b.ts)),
  );
  // Hours in the user's time zone; daily points are UTC days.
  const tick = (ts: string) => (props.hourly ? f.hour(ts) : f.shortDay(ts));
  const label = (ts: string) => (props.hourly ? f.hour(ts) : f.longDay(ts));
  return (
    <ResponsiveContainer width="100%" height={props.height ?? 180}>
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        {valueGrid(theme)}
        <XAxis
          dataKey="ts"
          tickFormatter={tick}
          tick={{ fontSize: 11 }}
          minTickGap={24}
        />
        <YAxis tick={{ fontSize: 11 }} width={44} />
        <Tooltip
          labelFormatter={(l: any) => label(String(l))}
          formatter={(v: any, n: any) => [
            `${f.fmt.number(Number(v))} ${props.unit}`.trim(),
            n,
          ]}
        />
        <Legend iconType="plainline" />
        {props.environments.map((env, i) => (
          <Line
            key={env}
            dataKey={env}
            name={env}
            stroke={colorFor(i)}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
