import type { Theme } from '@material-ui/core/styles';
import { CartesianGrid, XAxis, YAxis } from 'recharts';

/**
 * Dashed grid lines across the value axis: horizontal lines for columns,
 * vertical ones for bars of a chart in vertical layout.
 */
export function valueGrid(
  theme: Theme,
  layout: 'horizontal' | 'vertical' = 'horizontal',
) {
  return (
    <CartesianGrid
      strokeDasharray="3 3"
      vertical={layout === 'vertical'}
      horizontal={layout === 'horizontal'}
      stroke={theme.palette.divider}
    />
  );
}

/**
 * The axes of a chart of horizontal bars: amounts along the bottom, the rows'
 * titles (`title`) down the side in a column `titleWidth` wide.
 */
export function barAxes(
  amountTick: (value: number) => string,
  titleWidth: number,
) {
  return [
    <XAxis
      key="amount"
      type="number"
      tickFormatter={amountTick}
      tick={{ fontSize: 12 }}
    />,
    <YAxis
      key="title"
      type="category"
      dataKey="title"
      width={titleWidth}
      tick={{ fontSize: 12 }}
    />,
  ];
}
