import { ConfigReader } from '@backstage/config';
import { readCostUptimeOptions } from './config';

const withTagKeys = (tagKeys?: string[]) =>
  readCostUptimeOptions(
    new ConfigReader({ costUptime: { costExplorer: { tagKeys } } }),
  );

describe('readCostUptimeOptions: costExplorer.tagKeys', () => {
  it('defaults to the environment and service tags', () => {
    expect(withTagKeys().costExplorer?.tags).toEqual({
      environment: 'environment',
      service: 'service',
    });
  });

  it("maps the account's keys to the roles, in order", () => {
    expect(withTagKeys(['Env', 'team:app']).costExplorer?.tags).toEqual({
      environment: 'Env',
      service: 'team:app',
    });
    expect(withTagKeys(['Env']).costExplorer?.tags).toEqual({
      environment: 'Env',
      service: undefined,
    });
  });

  it('refuses an empty, repeated or third key with the reason', () => {
    expect(() => withTagKeys([])).toThrow(/must name the environment tag/);
    expect(() => withTagKeys(['env', ' '])).toThrow(/must name/);
    expect(() => withTagKeys(['env', 'app', 'team'])).toThrow(/must name/);
    expect(() => withTagKeys(['env', 'env'])).toThrow(/names env twice/);
  });
});
