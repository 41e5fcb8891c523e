import type { Entity } from '@backstage/catalog-model';
import {
  AWS_COMPUTE_SERVICE,
  AWS_VOLUMES_SERVICE,
  DEFAULT_PRICING,
  ENVIRONMENT_ANNOTATIONS,
  estimateMonthlyCost,
  type DailyServiceCost,
  type EnvironmentRun,
} from '@internal/plugin-environments-common';

/** t3.large x 3 with monitoring: 264.01 a month, 60.76 for 7 days. */
export const ESTIMATE = estimateMonthlyCost(
  { instanceType: 't3.large', desiredNodes: 3, addOns: ['monitoring'] },
  DEFAULT_PRICING,
)!;

/** An environment as the catalog has it, with the estimate its request stored. */
export const environment = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      [ENVIRONMENT_ANNOTATIONS.estimate]: JSON.stringify(ESTIMATE),
      ...annotations,
    },
  },
});

/** A successful create run, as the history records it. */
export const createRun = (over: Partial<EnvironmentRun>): EnvironmentRun => ({
  id: 1,
  operation: 'create',
  requestedBy: 'user:default/minsu.park',
  requestedAt: '2026-12-01T09:00:00Z',
  result: 'SUCCESS',
  finishedAt: '2026-12-01T09:20:00Z',
  ...over,
});

/**
 * Each day's bill of an environment with `nodes` t3.large nodes: their
 * compute, 0.30 of volumes and the EKS control plane's 2.40.
 */
export const dailyBills = (days: string[], nodes: number): DailyServiceCost[] =>
  days.flatMap(period => [
    { period, key: AWS_COMPUTE_SERVICE, amount: nodes * 0.0832 * 24 },
    { period, key: AWS_VOLUMES_SERVICE, amount: 0.3 },
    {
      period,
      key: 'Amazon Elastic Container Service for Kubernetes',
      amount: 2.4,
    },
  ]);
