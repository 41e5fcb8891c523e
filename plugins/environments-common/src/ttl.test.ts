import { ConfigReader, type JsonObject } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  checkTtlDays,
  DEFAULT_TTL_POLICY,
  maxTtlDays,
  readTtlPolicy,
} from './ttl';

const config = (ttl: JsonObject) =>
  new ConfigReader({ platform: { environments: { ttl } } });

describe('readTtlPolicy', () => {
  it('has dev 7/30, test 3/14 and nothing for staging and prod by default', () => {
    expect(readTtlPolicy()).toEqual({
      dev: { defaultDays: 7, maxDays: 30 },
      test: { defaultDays: 3, maxDays: 14 },
      staging: {},
      prod: {},
    });
    expect(readTtlPolicy(new ConfigReader({}))).toEqual(DEFAULT_TTL_POLICY);
  });

  it('takes configured values, keeping the defaults of keys left out', () => {
    const policy = readTtlPolicy(
      config({
        dev: { maxDays: 60 },
        staging: { defaultDays: 5, maxDays: 21 },
      }),
    );
    expect(policy.dev).toEqual({ defaultDays: 7, maxDays: 60 });
    expect(policy.test).toEqual({ defaultDays: 3, maxDays: 14 });
    expect(policy.staging).toEqual({ defaultDays: 5, maxDays: 21 });
    expect(policy.prod).toEqual({});
  });

  it.each([
    [
      { dev: { maxDays: 0 } },
      /maxDays must be a whole number of days from 1 to 90, not 0/,
    ],
    [{ dev: { maxDays: 91 } }, /from 1 to 90, not 91/],
    [{ test: { defaultDays: 1.5 } }, /defaultDays must be a whole number/],
    [
      { test: { defaultDays: 20 } },
      /test: defaultDays \(20\) is above maxDays \(14\)/,
    ],
  ])('refuses %j', (ttl, message) => {
    expect(() => readTtlPolicy(config(ttl))).toThrow(InputError);
    expect(() => readTtlPolicy(config(ttl))).toThrow(message);
  });
});

describe('checkTtlDays', () => {
  const policy = DEFAULT_TTL_POLICY;

  it('accepts up to and including the maximum', () => {
    expect(checkTtlDays(policy, 'dev', 1)).toBe(1);
    expect(checkTtlDays(policy, 'dev', 30)).toBe(30);
    expect(checkTtlDays(policy, 'test', 14)).toBe(14);
    expect(checkTtlDays(policy, 'staging', 90)).toBe(90);
  });

  it('refuses more than the maximum, naming the purpose and the maximum', () => {
    expect(() => checkTtlDays(policy, 'dev', 45)).toThrow(
      new InputError('dev environments live at most 30 days; asked for 45'),
    );
    expect(() => checkTtlDays(policy, 'test', 15)).toThrow(
      'test environments live at most 14 days; asked for 15',
    );
    expect(() => checkTtlDays(policy, 'staging', 91)).toThrow(
      'staging environments live at most 90 days; asked for 91',
    );
  });

  it.each([0, -1, 2.5, '7', null, undefined])('refuses %p', value => {
    expect(() => checkTtlDays(policy, 'dev', value)).toThrow(
      /whole number of days, at least 1/,
    );
  });

  it('falls back to the absolute ceiling for a purpose without a maximum', () => {
    expect(maxTtlDays(policy, 'prod')).toBe(90);
    expect(maxTtlDays(policy, 'unknown')).toBe(90);
    expect(maxTtlDays(policy, 'dev')).toBe(30);
  });
});
