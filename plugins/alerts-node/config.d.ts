import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

/**
 * The whole `alerts.*` config, declared here once for every alerts package:
 * the alerts backend, its Argo CD module and the Slack and KakaoTalk
 * notification modules all depend on this package, so the schema is loaded
 * whenever any of them is.
 */
export interface Config {
  alerts?: {
    /**
     * Language of the alerts of a user who chose none in Settings, and of a
     * group's Slack channel or KakaoTalk receivers without a language of
     * their own: `en` (default, as the app) or `ko`. Users get alerts in
     * the language they chose in Settings.
     */
    defaultLanguage?: 'en' | 'ko';
    /**
     * Who gets alerts about an entity that is not in the catalog or has no
     * owner, as entity refs. Default `[group:default/platform-admins]`.
     */
    fallbackRecipients?: string[];
    /**
     * Events of one kind about one thing within this window of the last one
     * sent go out together in one digest. Default 5 minutes.
     */
    burstWindow?: HumanDuration | string;
    /**
     * Per group (by name): where its alerts go when the Group entity has no
     * `slack.com/channel` / `kakao.com/receiver-uuids` annotation.
     */
    groups?: {
      [groupName: string]: {
        /** Slack channel name (`#x`) or id. */
        slackChannel?: string;
        /** Kakao friend uuids of people who get the group's alerts. */
        kakaoReceiverUuids?: string[];
        /** Language of the group's Slack channel; default `defaultLanguage`. */
        slackLanguage?: 'en' | 'ko';
        /** Language of the group's KakaoTalk receivers; default `defaultLanguage`. */
        kakaoLanguage?: 'en' | 'ko';
      };
    };
    /** The Jenkins build-result webhook (`POST /api/alerts/webhooks/jenkins`). */
    jenkins?: {
      /**
       * Shared secret for the HMAC-SHA256 signature; without it every post is
       * refused. Same value as the Jenkins credential `portal-webhook-secret`.
       * @visibility secret
       */
      webhookSecret?: string;
      /** How far a post's timestamp may be from now, default 300 s. */
      maxAgeSeconds?: number;
    };
    /**
     * When the alerts backend sends held digests and prunes old Jenkins
     * webhook delivery ids. A global task: one replica runs it per cadence.
     * Default every 30 s, 2 minute timeout, 30 s initial delay.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Argo CD sync failures and degraded health as alerts
     * (plugins/alerts-backend-module-argocd). The instances and their
     * credentials are the Argo CD plugin's: `argocd.appLocatorMethods`
     * (type `config`) `instances[]` with `token`, or `username` and
     * `password` (else `argocd.username` / `argocd.password`).
     */
    argocd?: {
      /** Poll Argo CD at all. Default true. */
      enabled?: boolean;
      /**
       * How often to poll every instance. A global task: one replica runs it
       * per cadence. Default every 2 minutes, 5 minute timeout, 30 s initial
       * delay.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Longest wait for one Argo CD request, in seconds. Default 20. */
      requestTimeoutSeconds?: number;
    };
    /**
     * Slack delivery of notifications: one message per owner group, to the
     * group's channel (annotation `slack.com/channel` or
     * `alerts.groups.<name>.slackChannel`). Absent: nothing goes to Slack.
     */
    slack?: {
      /** Slack Web API base, default https://slack.com/api (locally the sandbox stand-in). */
      apiBaseUrl?: string;
      /**
       * Bot token (`xoxb-...`) with `chat:write` (and `chat:write.public`
       * for channels the bot has not joined).
       * @visibility secret
       */
      token: string;
      /** Attempts per message on 429/5xx, default 4. */
      maxAttempts?: number;
      /** Wait before the first retry in ms, default 500. */
      initialRetryDelayMs?: number;
    };
    /** KakaoTalk delivery of notifications. Absent: nothing goes to KakaoTalk. */
    kakaotalk?: {
      /**
       * Kakao API host, default https://kapi.kakao.com (locally the sandbox
       * stand-in).
       */
      apiBaseUrl?: string;
      /** Kakao Login host for token refresh, default https://kauth.kakao.com. */
      authBaseUrl?: string;
      /** The app's REST API key. */
      clientId: string;
      /**
       * The app's client secret, when client secret is enabled for the app.
       * @visibility secret
       */
      clientSecret?: string;
      /**
       * Refresh token of the Kakao account that sends the messages (with the
       * `talk_message` and `friends` consent). Kakao rotates it; the rotated
       * one is kept in the database and used from then on, until this value
       * changes.
       * @visibility secret
       */
      refreshToken: string;
      /**
       * Also send every alert to the sending account itself ("send to me"),
       * for a team that shares one KakaoTalk account. Default false.
       */
      sendToMe?: boolean;
      /** Attempts per call on 429/5xx, default 4. */
      maxAttempts?: number;
      /** Wait before the first retry in ms, default 500. */
      initialRetryDelayMs?: number;
      /** How long to gather the receivers of one notification, default 300 ms. */
      batchWindowMs?: number;
    };
  };
}
