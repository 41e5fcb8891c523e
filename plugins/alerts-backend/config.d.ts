import { HumanDuration } from '@backstage/types';

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
  };
}
