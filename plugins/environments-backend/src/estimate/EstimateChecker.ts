import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  billedWindowOf,
  ENVIRONMENT_ANNOTATIONS,
  estimateCheck,
  estimateCheckWindow,
  isCheckDue,
  readStoredEstimate,
  type EnvironmentRun,
  type BilledWindow,
  type EstimateCheck,
  type Pricing,
} from '@internal/plugin-environments-common';
import type { EnvironmentService } from '@internal/plugin-environments-node';
import type { EnvironmentReader } from '../service/EnvironmentReader';
import type { EnvironmentBills } from './EnvironmentBills';

/** When the environment first became ready: the end of its first successful create run. */
export function readyAtOf(runs: readonly EnvironmentRun[]): Date | undefined {
  const created = runs
    .filter(r => r.operation === 'create' && r.result === 'SUCCESS')
    .map(r => r.finishedAt)
    .filter((at): at is string => !!at)
    .sort();
  return created.length ? new Date(created[0]) : undefined;
}

/**
 * Where an environment's estimate check stands (estimateCheck): its stored
 * estimate, when it became ready, and, once the check day has come, the
 * window's bill and node average from the cost plugin.
 */
export async function checkEstimate(options: {
  entity: Entity;
  runs: readonly EnvironmentRun[];
  now: Date;
  bills: EnvironmentBills;
  pricing: Pricing;
}): Promise<EstimateCheck> {
  const { entity, bills } = options;
  const name = entity.metadata.name;
  const annotations = entity.metadata.annotations ?? {};
  const estimate = readStoredEstimate(
    annotations[ENVIRONMENT_ANNOTATIONS.estimate],
  );
  const readyAt = readyAtOf(options.runs);
  const window = readyAt && estimateCheckWindow(readyAt);
  let bill: BilledWindow | undefined;
  if (estimate && window && isCheckDue(window, options.now)) {
    const tag = annotations[ENVIRONMENT_ANNOTATIONS.costEnvironment] ?? name;
    const [points, averageNodes] = await Promise.all([
      bills.dailyByService(tag, window),
      bills.averageNodes(name, window),
    ]);
    bill = billedWindowOf(points, window, averageNodes);
  }
  return estimateCheck({
    estimate,
    readyAt,
    now: options.now,
    pricing: options.pricing,
    bill,
  });
}

/**
 * An environment's create-time estimate against the bill of its first
 * days (checkEstimate), for whoever may read the environment.
 */
export class EstimateChecker {
  constructor(
    private readonly options: {
      reader: Pick<EnvironmentReader, 'read'>;
      service: Pick<EnvironmentService, 'nameOf' | 'findEnvironment'>;
      bills: EnvironmentBills;
      pricing: Pricing;
      now?: () => Date;
    },
  ) {}

  async check(
    nameOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<EstimateCheck> {
    // environment.read, and that it exists.
    const history = await this.options.reader.read(nameOrRef, credentials);
    return checkEstimate({
      ...this.options,
      entity: await this.options.service.findEnvironment(history.name),
      runs: history.runs,
      now: (this.options.now ?? (() => new Date()))(),
    });
  }
}
