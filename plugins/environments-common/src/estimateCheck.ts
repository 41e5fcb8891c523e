import type { CostEstimate, Pricing } from './estimate';
import {
  compareEstimateWithBill,
  ESTIMATE_CHECK_DAYS,
  type BilledWindow,
  type EstimateVsBill,
} from './estimateVsBill';

/** Cost Explorer's SERVICE of the nodes (EC2 instances). */
export const AWS_COMPUTE_SERVICE = 'Amazon Elastic Compute Cloud - Compute';
/**
 * Cost Explorer's SERVICE of EBS volumes and snapshots. It holds NAT
 * gateways and EC2 data transfer as well: SERVICE does not split them, so
 * the volumes' bill reads high where an environment has a NAT gateway.
 */
export const AWS_VOLUMES_SERVICE = 'EC2 - Other';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const round = (n: number) => Math.round(n * 100) / 100;

/** The UTC days (inclusive) an estimate is checked over, and the day the check runs. */
export interface EstimateCheckWindow {
  from: string;
  to: string;
  /** The day after `to`: Cost Explorer has billed the last day by then. */
  checkOn: string;
}

/**
 * The ESTIMATE_CHECK_DAYS whole UTC days after the day an environment
 * became ready (the ready day itself is partial).
 */
export function estimateCheckWindow(readyAt: Date): EstimateCheckWindow {
  const from = Math.floor(readyAt.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  const to = from + (ESTIMATE_CHECK_DAYS - 1) * DAY_MS;
  return { from: isoDay(from), to: isoDay(to), checkOn: isoDay(to + DAY_MS) };
}

/** One day's cost of one AWS service (the cost plugin's series by `awsService`). */
export interface DailyServiceCost {
  /** YYYY-MM-DD. */
  period: string;
  key: string;
  amount: number;
}

/** What an environment was billed over the window, from its daily cost by AWS service. */
export function billedWindowOf(
  points: readonly DailyServiceCost[],
  window: Pick<EstimateCheckWindow, 'from' | 'to'>,
  averageNodes?: number,
): BilledWindow {
  const inWindow = points.filter(
    p => p.period >= window.from && p.period <= window.to,
  );
  const sum = (service?: string) =>
    round(
      inWindow
        .filter(p => service === undefined || p.key === service)
        .reduce((total, p) => total + p.amount, 0),
    );
  return {
    days: new Set(inWindow.map(p => p.period)).size,
    total: sum(),
    compute: sum(AWS_COMPUTE_SERVICE),
    volumes: sum(AWS_VOLUMES_SERVICE),
    ...(averageNodes === undefined ? {} : { averageNodes }),
  };
}

/**
 * `GET /api/environments/environments/:name/estimate`: the create-time
 * estimate against the bill of the environment's first days.
 * - `no-estimate`: it was created without one (before the portal kept them);
 * - `not-ready`: it never became ready, so nothing ran to be billed;
 * - `waiting`: the window's days are not all behind it and billed yet;
 * - `checked`: compared, with the likely causes of a gap beyond tolerance.
 */
export type EstimateCheck =
  | { state: 'no-estimate' }
  | { state: 'not-ready'; estimate: CostEstimate }
  | {
      state: 'waiting';
      estimate: CostEstimate;
      readyAt: string;
      window: EstimateCheckWindow;
    }
  | {
      state: 'checked';
      estimate: CostEstimate;
      readyAt: string;
      window: EstimateCheckWindow;
      result: EstimateVsBill;
    };

/**
 * Where an environment's estimate check stands: compared once the check day
 * has come and at least one day of the window is billed.
 */
export function estimateCheck(input: {
  estimate?: CostEstimate;
  readyAt?: Date;
  now: Date;
  pricing: Pricing;
  /** The window's bill; only fetched once the check day has come. */
  bill?: BilledWindow;
}): EstimateCheck {
  const { estimate, readyAt } = input;
  if (!estimate) return { state: 'no-estimate' };
  if (!readyAt) return { state: 'not-ready', estimate };
  const window = estimateCheckWindow(readyAt);
  const base = { estimate, readyAt: readyAt.toISOString(), window };
  if (!isCheckDue(window, input.now) || !input.bill || input.bill.days === 0) {
    return { state: 'waiting', ...base };
  }
  return {
    state: 'checked',
    ...base,
    result: compareEstimateWithBill(estimate, input.pricing, input.bill),
  };
}

/** Whether the check day of the window has come. */
export function isCheckDue(window: EstimateCheckWindow, now: Date): boolean {
  return isoDay(now.getTime()) >= window.checkOn;
}

/**
 * The estimate an environment's catalog-info.yaml carries (annotation
 * `ENVIRONMENT_ANNOTATIONS.estimate`, JSON); undefined when absent or not
 * one.
 */
export function readStoredEstimate(
  value: string | undefined,
): CostEstimate | undefined {
  if (!value) return undefined;
  let parsed: Partial<Record<keyof CostEstimate, unknown>>;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const numbers = ['controlPlane', 'nodes', 'storage', 'total', 'nodeCount'];
  const ok =
    parsed !== null &&
    typeof parsed === 'object' &&
    numbers.every(k => typeof (parsed as any)[k] === 'number') &&
    typeof parsed.currency === 'string' &&
    typeof parsed.instanceType === 'string';
  return ok ? (parsed as CostEstimate) : undefined;
}
