import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/**
 * Error, loading, empty or the content inside an allocation card; unlike
 * AsyncSection it draws no card of its own, so the card's title shows once.
 */
export function AllocationSection<T>(props: {
  state: { error?: Error; value?: T };
  isEmpty: (value: T) => boolean;
  empty: string;
  children: (value: T) => ReactNode;
}) {
  const { error, value } = props.state;
  if (error) return <ResponseErrorPanel error={error} />;
  if (value === undefined) return <Progress />;
  if (props.isEmpty(value)) {
    return (
      <Typography color="textSecondary" data-testid="allocation-empty">
        {props.empty}
      </Typography>
    );
  }
  return <>{props.children(value)}</>;
}

/** Options of a table inside an allocation card: no paging, search or toolbar. */
export const bareTableOptions = {
  paging: false,
  search: false,
  toolbar: false,
  padding: 'dense',
} as const;
