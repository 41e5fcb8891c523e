import { ConfigReader } from '@backstage/config';
import { readArgoCdAlertsConfig } from './config';

const instances = {
  argocd: {
    appLocatorMethods: [
      {
        type: 'config',
        instances: [{ name: 'dev', url: 'http://argo.test/', token: 't' }],
      },
    ],
  },
};

describe('readArgoCdAlertsConfig', () => {
  it('defaults: on, 20 s requests, every 2 minutes', () => {
    expect(readArgoCdAlertsConfig(new ConfigReader(instances))).toEqual({
      enabled: true,
      instances: [
        {
          name: 'dev',
          url: 'http://argo.test',
          token: 't',
          username: undefined,
          password: undefined,
        },
      ],
      requestTimeoutMs: 20_000,
      schedule: {
        frequency: { minutes: 2 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 30 },
      },
    });
  });

  it('reads alerts.argocd', () => {
    const settings = readArgoCdAlertsConfig(
      new ConfigReader({
        ...instances,
        alerts: {
          argocd: {
            enabled: false,
            requestTimeoutSeconds: 3,
            schedule: { frequency: { minutes: 10 }, timeout: 'PT1M' },
          },
        },
      }),
    );
    expect(settings.enabled).toBe(false);
    expect(settings.requestTimeoutMs).toBe(3000);
    expect(settings.schedule).toEqual({
      frequency: { minutes: 10 },
      timeout: { minutes: 1 },
    });
  });
});
