import type { CostEstimate, Pricing } from './estimate';

/** Days after an environment is ready over which its estimate is checked. */
export const ESTIMATE_CHECK_DAYS = 7;
/** Share by which the bill may differ from the estimate before owners are told. */
export const ESTIMATE_TOLERANCE = 0.3;

/** What the environment was billed over the checked days, and how it ran. */
export interface BilledWindow {
  /** Whole days billed (at most ESTIMATE_CHECK_DAYS). */
  days: number;
  /** Everything billed to the environment's tag over those days. */
  total: number;
  /** Of it, EC2 compute (the nodes). */
  compute: number;
  /** Of it, EBS volumes. */
  volumes: number;
  /** Average number of nodes over those days (Prometheus), if known. */
  averageNodes?: number;
}

/** A part of the estimate that explains the gap, with its share in money. */
export interface GapCause {
  cause: 'node count' | 'instance type' | 'volumes';
  /** What the estimate assumed for this part over the window. */
  estimated: number;
  /** What the bill shows for it. */
  billed: number;
  /** Billed minus estimated: positive costs more than planned. */
  difference: number;
}

export interface EstimateVsBill {
  days: number;
  /** The estimate for the same days (monthly estimate × days / month). */
  estimated: number;
  billed: number;
  /** (billed − estimated) ÷ estimated; 0.35 is 35% over. */
  gap: number;
  /** |gap| is beyond ESTIMATE_TOLERANCE. */
  outside: boolean;
  /** The likely causes, biggest difference first (empty when within tolerance). */
  causes: GapCause[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Compares an environment's create-time estimate with what it was billed
 * over its first days, and names what most likely explains a gap beyond
 * the tolerance: more or fewer nodes than planned (the nodes' average
 * against the desired count), another instance type (compute per node-hour
 * against the planned type's price), or volumes (EBS against the planned
 * node and monitoring volumes). A cause is named when it accounts for at
 * least a tenth of the gap in money.
 */
export function compareEstimateWithBill(
  estimate: CostEstimate,
  pricing: Pricing,
  bill: BilledWindow,
  tolerance = ESTIMATE_TOLERANCE,
): EstimateVsBill {
  const share = (bill.days * 24) / pricing.hoursPerMonth;
  const estimated = round(estimate.total * share);
  const billed = round(bill.total);
  const gap = estimated > 0 ? (billed - estimated) / estimated : 0;
  const outside = Math.abs(gap) > tolerance;
  if (!outside)
    return { days: bill.days, estimated, billed, gap, outside, causes: [] };

  const hours = bill.days * 24;
  const perHour = pricing.instancePerHour[estimate.instanceType] ?? 0;
  const nodes = bill.averageNodes ?? estimate.nodeCount;
  const causes: GapCause[] = (
    [
      {
        cause: 'node count',
        estimated: round(estimate.nodeCount * perHour * hours),
        billed: round(nodes * perHour * hours),
        difference: 0,
      },
      {
        // Compute beyond what the nodes that ran would cost at the planned type.
        cause: 'instance type',
        estimated: round(nodes * perHour * hours),
        billed: round(bill.compute),
        difference: 0,
      },
      {
        cause: 'volumes',
        estimated: round(estimate.storage * share),
        billed: round(bill.volumes),
        difference: 0,
      },
    ] as const
  ).map(c => ({ ...c, difference: round(c.billed - c.estimated) }));
  const gapMoney = Math.abs(billed - estimated);
  return {
    days: bill.days,
    estimated,
    billed,
    gap,
    outside,
    causes: causes
      .filter(
        c => Math.abs(c.difference) >= gapMoney / 10 && c.difference !== 0,
      )
      .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference)),
  };
}
