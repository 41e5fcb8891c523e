import { ConfigReader } from '@backstage/config';
import {
  checkTtlDays,
  DEFAULT_TTL_POLICY,
  defaultTtlDays,
  maxTtlDays,
  readTtlPolicy,
} from './ttl';

function config(ttl: object) {
  return new ConfigReader({ platform: { environments: { ttl } } });
}

describe('readTtlPolicy', () => {
  it('defaults to dev 7/30 days, test 3/14, staging and prod none', () => {
    const policy = readTtlPolicy(new ConfigReader({}));
    expect(policy).toEqual(DEFAULT_TTL_POLICY);
    expect(defaultTtlDays(policy, 'dev')).toBe(7);
    expect(maxTtlDays(policy, 'dev')).toBe(30);
    expect(defaultTtlDays(policy, 'test')).toBe(3);
    expect(maxTtlDays(policy, 'test')).toBe(14);
    expect(defaultTtlDays(policy, 'staging')).toBeUndefined();
    expect(defaultTtlDays(policy, 'prod')).toBeUndefined();
    expect(readTtlPolicy()).toEqual(DEFAULT_TTL_POLICY);
  });

  it('reads each purpose, keeping the defaults of keys left out', () => {
    const policy = readTtlPolicy(
      config({ dev: { maxDays: 60 }, staging: { defaultDays: 14 } }),
    );
    expect(policy.dev).toEqual({ defaultDays: 7, maxDays: 60 });
    expect(policy.test).toEqual({ defaultDays: 3, maxDays: 14 });
    expect(policy.staging).toEqual({ defaultDays: 14, maxDays: undefined });
  });

  it('refuses a default above the maximum and days that are not whole', () => {
    expect(() => readTtlPolicy(config({ test: { defaultDays: 20 } }))).toThrow(
      'platform.environments.ttl.test: defaultDays (20) is above maxDays (14)',
    );
    expect(() => readTtlPolicy(config({ dev: { maxDays: 0 } }))).toThrow(
      /maxDays must be a whole number of days/,
    );
    expect(() => readTtlPolicy(config({ dev: { maxDays: 1.5 } }))).toThrow(
      /maxDays must be a whole number of days/,
    );
  });
});

describe('checkTtlDays', () => {
  const policy = DEFAULT_TTL_POLICY;

  it('accepts up to the maximum, inclusive', () => {
    expect(checkTtlDays(policy, 'dev', 1)).toBe(1);
    expect(checkTtlDays(policy, 'dev', 30)).toBe(30);
    expect(checkTtlDays(policy, 'test', 14)).toBe(14);
  });

  it('refuses past the maximum, naming the purpose and the maximum', () => {
    expect(() => checkTtlDays(policy, 'dev', 45)).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: 'dev environments live at most 30 days; asked for 45',
      }),
    );
    expect(() => checkTtlDays(policy, 'test', 15)).toThrow(
      'test environments live at most 14 days; asked for 15',
    );
  });

  it('bounds purposes without a maximum at 90 days', () => {
    expect(checkTtlDays(policy, 'staging', 90)).toBe(90);
    expect(() => checkTtlDays(policy, 'staging', 91)).toThrow(
      'staging environments live at most 90 days; asked for 91',
    );
  });

  it('refuses prod and days that are not whole and positive', () => {
    expect(() => checkTtlDays(policy, 'prod', 7)).toThrow(
      'prod environments do not expire; asked for 7 days',
    );
    for (const bad of [0, -1, 2.5, '7', null]) {
      expect(() => checkTtlDays(policy, 'dev', bad)).toThrow(
        /whole number of days/,
      );
    }
  });

  it('follows the configured maximum', () => {
    const p = readTtlPolicy(config({ dev: { maxDays: 60 } }));
    expect(checkTtlDays(p, 'dev', 45)).toBe(45);
  });
});
