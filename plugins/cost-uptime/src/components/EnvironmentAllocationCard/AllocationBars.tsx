import type { AllocationReport } from '@internal/plugin-cost-uptime-common';
import { useTheme } from '@material-ui/core/styles';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip } from 'recharts';
import { barAxes, valueGrid } from '../chartParts';
import { colorFor, useCostFormat } from '../format';
import { allocationRows, partTitle } from './allocationRows';

/** One bar per service, then shared and idle in greys. */
export function AllocationBars(props: { report: AllocationReport }) {
  const theme = useTheme();
  const f = useCostFormat();
  const rows = allocationRows(props.report).map(row => ({
    ...row,
    title: partTitle(row, f),
  }));
  const fill = (kind: string, i: number) => {
    if (kind === 'shared') return theme.palette.grey[500];
    if (kind === 'idle') return theme.palette.grey[300];
    return colorFor(i);
  };
  return (
    <ResponsiveContainer
      width="100%"
      height={Math.max(140, rows.length * 30 + 40)}
    >
      <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24 }}>
        {valueGrid(theme, 'vertical')}
        {barAxes(v => f.money(v, props.report.currency, true), 160)}
        <Tooltip
          formatter={(v: any) => [
            f.money(Number(v), props.report.currency),
            f.t('allocation.amount'),
          ]}
        />
        <Bar dataKey="amount" isAnimationActive={false}>
          {rows.map((row, i) => (
            <Cell key={row.key} fill={fill(row.kind, i)} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
