import type { ClusterBill } from '@internal/plugin-cost-uptime-common';
import type { EstimateOptions } from '../config';

/** Hours in a month as AWS prices EBS (per GB-month). */
const HOURS_PER_MONTH = 730;

/**
 * The near-real-time estimate of one cluster-hour before Cost Explorer has
 * billed it (nodes x instance price + EKS + EBS for root and persistent
 * volumes), by the bill's lines; no load balancer part.
 */
export function estimateHour(
  e: EstimateOptions,
  nodes: number,
  pvGb: number,
): ClusterBill {
  return {
    compute: nodes * e.instanceHourlyPrice,
    storage: (e.ebsGbMonthPrice / HOURS_PER_MONTH) * (nodes * e.rootVolumeGb + pvGb),
    controlPlane: e.eksHourlyPrice,
    loadBalancers: 0,
  };
}

export function billTotal(bill: ClusterBill): number {
  return bill.compute + bill.storage + bill.controlPlane + bill.loadBalancers;
}
