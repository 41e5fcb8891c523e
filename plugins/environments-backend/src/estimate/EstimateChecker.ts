import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  billedWindowOf,
  ENVIRONMENT_ANNOTATIONS,
  estimateCheck,
  estimateCheckWindow,
  isCheckDue,
  readStoredEstimate,
  type EnvironmentRun,
  type EstimateCheck,
  type EstimateCheckWindow,
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
 * An environment's create-time estimate against the bill of its first
 * days (estimateCheck), for whoever may read the environment.
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
    const entity = await this.options.service.findEnvironment(history.name);
    const annotations = entity.metadata.annotations ?? {};
    const estimate = readStoredEstimate(
      annotations[ENVIRONMENT_ANNOTATIONS.estimate],
    );
    const readyAt = readyAtOf(history.runs);
    const now = (this.options.now ?? (() => new Date()))();
    const window = readyAt && estimateCheckWindow(readyAt);
    const due = estimate && window && isCheckDue(window, now);
    const bill = due
      ? await this.billOf(
          annotations[ENVIRONMENT_ANNOTATIONS.costEnvironment] ?? history.name,
          history.name,
          window,
        )
      : undefined;
    return estimateCheck({
      estimate,
      readyAt,
      now,
      pricing: this.options.pricing,
      bill,
    });
  }

  private async billOf(
    tagValue: string,
    environment: string,
    window: EstimateCheckWindow,
  ) {
    const [points, averageNodes] = await Promise.all([
      this.options.bills.dailyByService(tagValue, window),
      this.options.bills.averageNodes(environment, window),
    ]);
    return billedWindowOf(points, window, averageNodes);
  }
}
