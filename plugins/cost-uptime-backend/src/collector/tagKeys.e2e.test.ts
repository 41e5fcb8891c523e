/*
 * Accounts name their cost-allocation tags as they like. With the example
 * account's tags renamed, the collector configured with those keys must
 * store the same cost under the portal's roles (environment, service) as
 * with the default keys, for both tags and for the per-environment
 * service cost.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { exampleAccount, renameTagKeys } from '@internal/sandbox/cost-explorer';
import { startCostExplorer } from '../__testUtils__/costExplorer';
import { testStore } from '../__testUtils__/stores';
import { testCollector } from '../__testUtils__/collector';

jest.setTimeout(120_000);

const NOW = new Date('2026-11-20T12:30:00Z');
const FROM = '2026-11-15';
const TO = '2026-11-19';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function collectWith(tagKeys: string[], renames: Record<string, string>) {
  const ce = await startCostExplorer({
    model: renameTagKeys(exampleAccount(), renames),
    now: () => NOW,
  });
  const { knex, store } = await testStore(databases, 'SQLITE_3');
  try {
    const run = await testCollector(
      {
        costExplorer: ce.config({
          tagKeys,
          serviceByEnvironment: true,
          backfillDays: 6,
        }),
        prometheus: { servers: [] },
      },
      { store, now: () => NOW },
    ).run('manual');
    expect(run.error).toBeNull();
    const range = { from: FROM, to: TO };
    return {
      environments: await store.sumsByKey({
        tagKey: 'environment',
        ...range,
        by: 'tag',
      }),
      services: await store.sumsByKey({
        tagKey: 'service',
        ...range,
        by: 'tag',
      }),
      backendByEnvironment: await store.serviceEnvironmentSums({
        service: 'shop-backend',
        from: '2026-11-01',
        to: TO,
      }),
    };
  } finally {
    await knex.destroy();
    await ce.stop();
  }
}

describe('cost-allocation tag keys from config', () => {
  it('stores the same cost under the roles whatever the account calls its tags', async () => {
    const standard = await collectWith(['environment', 'service'], {});
    const renamed = await collectWith(['Env', 'team:app'], {
      environment: 'Env',
      service: 'team:app',
    });

    expect(standard.environments.map(r => r.key)).toEqual(
      expect.arrayContaining(['dev-a', 'staging', 'prod', '']),
    );
    expect(standard.services.map(r => r.key)).toEqual(
      expect.arrayContaining(['shop-backend', 'shop-web', '']),
    );
    expect(standard.backendByEnvironment.length).toBeGreaterThan(0);
    expect(renamed).toEqual(standard);
  });

  it("reads nothing under the roles when the configured keys are not the account's", async () => {
    const wrong = await collectWith(['environment', 'service'], {
      environment: 'Env',
      service: 'team:app',
    });
    // Every line is then "untagged" for the configured keys.
    expect(wrong.environments.map(r => r.key)).toEqual(['']);
    expect(wrong.services.map(r => r.key)).toEqual(['']);
  });
});
