/*
 * The alerts end-to-end harness: the sandbox's Slack and Kakao stand-ins on
 * free ports, and real backends with the alerts and notifications plugins
 * and both chat modules delivering into them over HTTP.
 */
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import type { JsonObject } from '@backstage/types';
import kakaoModule from '@internal/plugin-notifications-backend-module-kakaotalk';
import slackModule from '@internal/plugin-notifications-backend-module-slack-alerts';
import { Sandbox, type RecordedRequest } from '@internal/sandbox';
import {
  KAKAO_SANDBOX_CLIENT_ID,
  KAKAO_SANDBOX_CLIENT_SECRET,
  KAKAO_SANDBOX_REFRESH_TOKEN,
  kakaoStandIn,
  type KakaoStandIn,
} from '@internal/sandbox/kakao';
import {
  SLACK_SANDBOX_TOKEN,
  slackStandIn,
  type SlackStandIn,
} from '@internal/sandbox/slack';
import { alertsPlugin } from '../plugin';
import { entities as exampleEntities } from './fixtures';

/** The chat stand-ins a test's backends deliver into. */
export interface ChatStandIns {
  slack: SlackStandIn;
  kakao: KakaoStandIn;
  /** Where a stand-in listens (its `/_sandbox/` controls are there too). */
  url(name: 'slack' | 'kakao'): string;
  /** `alerts.slack` and `alerts.kakaotalk` pointing at the stand-ins. */
  channelsConfig: JsonObject;
  /** Successful `chat.postMessage` calls, oldest first. */
  slackPosts(): RecordedRequest[];
  /** Successful KakaoTalk friends messages, oldest first. */
  kakaoMessages(): RecordedRequest[];
  /** The receivers of `kakaoMessages()`, one entry per receiver. */
  kakaoReceivers(): string[];
  /** Forgets what both received. */
  clear(): void;
  stop(): Promise<void>;
}

/** Starts the Slack and Kakao stand-ins on free ports. */
export async function startChatStandIns(): Promise<ChatStandIns> {
  const slack = slackStandIn();
  const kakao = kakaoStandIn();
  const sandbox = new Sandbox([slack, kakao]);
  const { standIns } = await sandbox.start(0);
  const url = (name: string) => standIns.find(s => s.name === name)!.url;
  const kakaoMessages = () =>
    kakao.recorder.requests.filter(
      r => r.path.includes('/friends/') && r.status === 200,
    );
  return {
    slack,
    kakao,
    url,
    channelsConfig: {
      slack: {
        apiBaseUrl: `${url('slack')}/api`,
        token: SLACK_SANDBOX_TOKEN,
        initialRetryDelayMs: 10,
      },
      kakaotalk: {
        apiBaseUrl: url('kakao'),
        authBaseUrl: url('kakao'),
        clientId: KAKAO_SANDBOX_CLIENT_ID,
        clientSecret: KAKAO_SANDBOX_CLIENT_SECRET,
        refreshToken: KAKAO_SANDBOX_REFRESH_TOKEN,
        batchWindowMs: 50,
        initialRetryDelayMs: 10,
      },
    },
    slackPosts: () =>
      slack.recorder.requests.filter(
        r => r.path === '/api/chat.postMessage' && r.status === 200,
      ),
    kakaoMessages,
    kakaoReceivers: () =>
      kakaoMessages().flatMap(
        r =>
          JSON.parse(
            (r.body as { receiver_uuids: string }).receiver_uuids,
          ) as string[],
      ),
    clear: () => {
      slack.recorder.requests.length = 0;
      kakao.recorder.requests.length = 0;
    },
    stop: () => sandbox.stop(),
  };
}

export interface AlertsBackendOptions {
  chat: ChatStandIns;
  /** More plugins, modules and service factories. */
  features?: BackendFeature[];
  /** `alerts.*` besides the channels, over `defaultLanguage: en` and no burst window. */
  alerts?: JsonObject;
  /** Other root config, e.g. `argocd`. */
  config?: JsonObject;
  /** The catalog; the example organisation (fixtures.ts) by default. */
  entities?: Entity[];
}

/**
 * A backend with the alerts and notifications plugins and the Slack and
 * KakaoTalk modules, `app.baseUrl` http://portal.test.
 */
export async function startAlertsBackend(options: AlertsBackendOptions) {
  return startTestBackend({
    features: [
      alertsPlugin,
      notificationsPlugin,
      slackModule,
      kakaoModule,
      ...(options.features ?? []),
      catalogServiceMock.factory({
        entities: options.entities ?? exampleEntities,
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test' },
          ...options.config,
          alerts: {
            defaultLanguage: 'en',
            burstWindow: '0s',
            ...options.chat.channelsConfig,
            ...options.alerts,
          },
        },
      }),
    ],
  });
}

/** The stand-ins and the backend `useAlertsBackend` started. */
export interface RunningAlertsBackend {
  chat: ChatStandIns;
  server: Awaited<ReturnType<typeof startAlertsBackend>>['server'];
}

/**
 * Starts the chat stand-ins and one alerts backend before the tests of the
 * enclosing `describe` and stops both after them. The returned object's
 * fields are set once the tests run.
 */
export function useAlertsBackend(
  options: Omit<AlertsBackendOptions, 'chat'>,
): RunningAlertsBackend {
  const running = {} as RunningAlertsBackend;
  let backend: Awaited<ReturnType<typeof startAlertsBackend>> | undefined;
  beforeAll(async () => {
    running.chat = await startChatStandIns();
    backend = await startAlertsBackend({ ...options, chat: running.chat });
    running.server = backend.server;
  });
  afterAll(async () => {
    await backend?.stop();
    await running.chat?.stop();
  });
  return running;
}

/** Polls `fn` every 50 ms until it returns something, for up to 15 s. */
export async function waitFor<T>(
  fn: () => T | undefined,
  what: string,
): Promise<T> {
  const until = Date.now() + 15_000;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}
