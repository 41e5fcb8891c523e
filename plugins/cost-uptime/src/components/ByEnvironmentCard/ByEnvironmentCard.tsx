import type { CostSummary } from '@internal/plugin-cost-uptime-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Donut } from '../charts';
import { useCostFormat } from '../format';
import { BreakdownCard, Change } from '../parts';
import { breakdownNote } from '../periodText';

/** The page's "By environment" card: a donut and each environment's change. */
export function ByEnvironmentCard(props: { summary: CostSummary }) {
  const s = props.summary;
  const f = useCostFormat();
  return (
    <BreakdownCard
      summary={s}
      title={f.t('breakdown.byEnvironment')}
      empty={s.byEnvironment.length === 0}
    >
      <Donut
        currency={s.currency}
        data={s.byEnvironment.map(r => ({
          key: r.key,
          title: r.key === '' ? f.t('charts.untagged') : r.title ?? r.key,
          amount: r.amount,
        }))}
      />
      <Box mt={1}>
        {s.byEnvironment.map(r => (
          <Box
            key={r.key}
            display="flex"
            justifyContent="space-between"
            py={0.5}
            style={{ gap: 8 }}
          >
            <Typography variant="body2" style={{ whiteSpace: 'nowrap' }}>
              {/* The backend titles cost without the tag "Untagged". */}
              {r.key === '' ? f.t('charts.untagged') : r.title ?? r.key}
            </Typography>
            <Typography variant="body2" align="right">
              {f.money(r.amount, s.currency)}{' '}
              <Change
                value={r.change}
                empty={breakdownNote(s, f) ? '' : undefined}
              />
            </Typography>
          </Box>
        ))}
      </Box>
    </BreakdownCard>
  );
}
