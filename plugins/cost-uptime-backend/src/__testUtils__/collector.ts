import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { Collector, type CollectorOptions } from '../collector/Collector';
import { readCostUptimeOptions } from '../config';

/**
 * A Collector on the `costUptime` config given, writing to `deps.store`,
 * with a mock logger and no SLI targets unless `deps` brings its own.
 */
export function testCollector(
  costUptime: JsonObject,
  deps: Omit<CollectorOptions, 'options' | 'logger' | 'sliTargets'> &
    Partial<CollectorOptions>,
) {
  return new Collector({
    options: readCostUptimeOptions(new ConfigReader({ costUptime })),
    logger: mockServices.logger.mock(),
    sliTargets: async () => [],
    ...deps,
  });
}
