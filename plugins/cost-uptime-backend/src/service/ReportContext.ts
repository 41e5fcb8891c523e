import {
  billingPeriods,
  type BillingPeriods,
} from '@internal/plugin-cost-uptime-common';
import { DateTime } from 'luxon';
import type { CostUptimeOptions } from '../config';
import type { CostStore } from '../database/CostStore';
import type { CostEntity, EntityDirectory } from './EntityDirectory';

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * What every report shares: the store, options, catalog entities, the
 * injected clock, and the conversions from stored USD to the answer.
 */
export class ReportContext {
  readonly now: () => Date;

  constructor(
    readonly store: CostStore,
    readonly options: CostUptimeOptions,
    readonly entities: Pick<EntityDirectory, 'list'>,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  /**
   * The primary tag role: cost is stored under roles, not the account's own
   * tag keys (see `CostTagRole`).
   */
  get primaryTagKey() {
    return 'environment' as const;
  }

  /** USD to the portal's currency, to the cent. */
  money(usd: number) {
    return round(usd * this.options.rate);
  }

  /** Today's UTC midnight on the injected clock. */
  today() {
    return DateTime.fromJSDate(this.now(), { zone: 'utc' }).startOf('day');
  }

  /** Catalog entities of one tag key, by tag value. */
  async titles(tagKey: string) {
    const map = new Map<string, CostEntity>();
    for (const e of await this.entities.list()) {
      if (e.tagKey === tagKey) map.set(e.tagValue, e);
    }
    return map;
  }

  /** The summary's periods today, from the newest billed day stored. */
  async periods(tagKey: string): Promise<BillingPeriods> {
    return billingPeriods(this.now(), await this.store.latestCostDay(tagKey));
  }
}
