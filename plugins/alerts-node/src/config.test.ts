import { ConfigReader } from '@backstage/config';
import { readAlertsConfig, readTaskSchedule } from './config';

describe('readAlertsConfig', () => {
  it('reads languages, groups and the base URL once', () => {
    const config = readAlertsConfig(
      new ConfigReader({
        app: { baseUrl: 'http://portal.test/' },
        alerts: {
          defaultLanguage: 'ko',
          groups: {
            developers: {
              slackChannel: '#dev',
              kakaoReceiverUuids: ['u1'],
              kakaoLanguage: 'en',
            },
          },
        },
      }),
    );
    expect(config.baseUrl).toBe('http://portal.test');
    expect(config.defaultLanguage).toBe('ko');
    expect(config.groups.get('developers')).toEqual({
      slackChannel: '#dev',
      kakaoReceiverUuids: ['u1'],
      slackLanguage: undefined,
      kakaoLanguage: 'en',
    });
  });

  it('defaults to English and no groups', () => {
    const config = readAlertsConfig(new ConfigReader({}));
    expect(config).toEqual({
      baseUrl: undefined,
      defaultLanguage: 'en',
      groups: new Map(),
    });
  });

  it('refuses an unknown language at start-up', () => {
    expect(() =>
      readAlertsConfig(
        new ConfigReader({
          alerts: { groups: { ops: { slackLanguage: 'fr' } } },
        }),
      ),
    ).toThrow("alerts.groups.*.slackLanguage must be 'en' or 'ko', got 'fr'");
    expect(() =>
      readAlertsConfig(new ConfigReader({ alerts: { defaultLanguage: 'de' } })),
    ).toThrow("alerts.defaultLanguage must be 'en' or 'ko', got 'de'");
  });
});

describe('readTaskSchedule', () => {
  const defaults = { frequency: { minutes: 2 }, timeout: { minutes: 5 } };

  it('takes the default when the key is absent', () => {
    expect(readTaskSchedule(new ConfigReader({}), 'x.schedule', defaults)).toBe(
      defaults,
    );
  });

  it('reads the configured schedule', () => {
    const config = new ConfigReader({
      x: { schedule: { frequency: { cron: '*/5 * * * *' }, timeout: 'PT1M' } },
    });
    expect(readTaskSchedule(config, 'x.schedule', defaults)).toEqual({
      frequency: { cron: '*/5 * * * *' },
      timeout: { minutes: 1 },
    });
  });

  it('throws on a malformed schedule instead of using the default', () => {
    const config = new ConfigReader({ x: { schedule: { timeout: 'PT1M' } } });
    expect(() => readTaskSchedule(config, 'x.schedule', defaults)).toThrow();
  });
});
