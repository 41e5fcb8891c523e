export interface Config {
  alerts?: {
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
  };
}
