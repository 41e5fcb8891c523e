import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ENVIRONMENT,
  ANNOTATION_MONTHLY_BUDGET,
  ANNOTATION_PROMETHEUS_JOB,
  ANNOTATION_SERVICE,
  ANNOTATION_SLI,
  ANNOTATION_SLO,
} from '@internal/plugin-cost-uptime-common';

/** A catalog entity that stands for a cost-allocation tag value. */
export interface CostEntity {
  entityRef: string;
  title: string;
  tagKey: 'environment' | 'service';
  tagValue: string;
  /** Services only: the Prometheus job of the availability SLI. */
  job?: string;
  sli: 'up' | 'probe';
  /** Percent, when the entity sets one. */
  slo?: number;
  /** Environments only: monthly budget in the portal's currency, when annotated. */
  budget?: number;
}

/** Finds which catalog entities stand for which tag values, cached for a minute. */
export class EntityDirectory {
  private cache?: { at: number; entities: CostEntity[] };

  constructor(
    private readonly catalog: Pick<CatalogService, 'getEntities'>,
    private readonly auth: Pick<AuthService, 'getOwnServiceCredentials'>,
    private readonly logger: LoggerService,
  ) {}

  /**
   * With `strict`, a catalog failure throws instead of answering the cached
   * (or an empty) list: alerts must not go to the wrong people, or miss an
   * annotated budget, because the catalog was briefly unreachable.
   */
  async list(options?: { strict?: boolean }): Promise<CostEntity[]> {
    if (this.cache && Date.now() - this.cache.at < 60_000) {
      return this.cache.entities;
    }
    try {
      const credentials = await this.auth.getOwnServiceCredentials();
      const { items } = await this.catalog.getEntities(
        {
          filter: [
            {
              [`metadata.annotations.${ANNOTATION_ENVIRONMENT}`]:
                CATALOG_FILTER_EXISTS,
            },
            {
              [`metadata.annotations.${ANNOTATION_SERVICE}`]:
                CATALOG_FILTER_EXISTS,
            },
          ],
          fields: ['kind', 'metadata', 'spec.type'],
        },
        { credentials },
      );
      const entities = items.flatMap(toCostEntities);
      // An empty answer is not kept: right after start the catalog may not
      // have read its locations yet.
      if (entities.length > 0) this.cache = { at: Date.now(), entities };
      return entities;
    } catch (e) {
      if (options?.strict) throw e;
      // The dashboard still works without titles; the catalog may be starting.
      this.logger.warn(`Could not read cost entities from the catalog: ${e}`);
      return this.cache?.entities ?? [];
    }
  }
}

function toCostEntities(entity: Entity): CostEntity[] {
  const a = entity.metadata.annotations ?? {};
  const base = {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    sli: a[ANNOTATION_SLI] === 'probe' ? ('probe' as const) : ('up' as const),
    slo: a[ANNOTATION_SLO] ? Number(a[ANNOTATION_SLO]) : undefined,
  };
  const out: CostEntity[] = [];
  if (a[ANNOTATION_ENVIRONMENT]) {
    const budget = Number(a[ANNOTATION_MONTHLY_BUDGET]);
    out.push({
      ...base,
      tagKey: 'environment',
      tagValue: a[ANNOTATION_ENVIRONMENT],
      // A malformed budget is ignored (config's, if any, applies) rather than
      // read as 0, which would alert every month.
      budget:
        a[ANNOTATION_MONTHLY_BUDGET] !== undefined &&
        Number.isFinite(budget) &&
        budget > 0
          ? budget
          : undefined,
    });
  }
  if (a[ANNOTATION_SERVICE]) {
    out.push({
      ...base,
      tagKey: 'service',
      tagValue: a[ANNOTATION_SERVICE],
      job: a[ANNOTATION_PROMETHEUS_JOB] ?? a[ANNOTATION_SERVICE],
    });
  }
  return out;
}
