export interface Config {
  alerts?: {
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
