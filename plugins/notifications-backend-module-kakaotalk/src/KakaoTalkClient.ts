import { LoggerService } from '@backstage/backend-plugin-api';
import {
  deliveryErrorFromResponse,
  DeliveryError,
  withRetry,
  RetryOptions,
} from '@internal/plugin-alerts-node';
import { DateTime } from 'luxon';
import { KakaoTalkStore } from './database/KakaoTalkStore';

/** Kakao's limit of receivers per friends-message call. */
export const MAX_RECEIVERS_PER_CALL = 5;

/** Kakao error codes for spent quotas (common -10, message API -532/-533/-536). */
const QUOTA_CODES = new Set([-10, -532, -533, -536]);

/** The default text template (https://developers.kakao.com/docs/latest/en/message/message-template). */
export interface KakaoTextTemplate {
  object_type: 'text';
  /** At most 200 characters. */
  text: string;
  link: { web_url: string; mobile_web_url: string };
  button_title?: string;
}

/** The app's quota for the day is spent: nothing is sent until Kakao's next day. */
export class KakaoQuotaExceededError extends DeliveryError {
  constructor(message: string) {
    super(message, { retryable: false, status: 400 });
    this.name = 'KakaoQuotaExceededError';
  }
}

export interface KakaoTalkClientOptions {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  retry: RetryOptions;
}

/**
 * The Kakao Talk message API with the sending account's tokens: refreshes
 * the access token when it is missing, near expiry or refused (-401), keeps
 * the refresh token Kakao rotates, retries 429/5xx and stops for the day once
 * a quota is spent.
 */
export class KakaoTalkClient {
  private readonly options: KakaoTalkClientOptions;
  private readonly store: KakaoTalkStore;
  private readonly logger: LoggerService;
  private accessToken?: { token: string; expiresAt: number };
  private refreshing?: Promise<string>;
  private quotaPausedUntil = 0;

  constructor(
    options: KakaoTalkClientOptions,
    deps: { store: KakaoTalkStore; logger: LoggerService },
  ) {
    this.options = options;
    this.store = deps.store;
    this.logger = deps.logger;
  }

  /** Sends to friends, at most 5 per call; returns the uuids that got it. */
  async sendToFriends(
    receiverUuids: string[],
    template: KakaoTextTemplate,
  ): Promise<string[]> {
    const delivered: string[] = [];
    for (let i = 0; i < receiverUuids.length; i += MAX_RECEIVERS_PER_CALL) {
      const batch = receiverUuids.slice(i, i + MAX_RECEIVERS_PER_CALL);
      const body = await this.call(
        '/v1/api/talk/friends/message/default/send',
        {
          receiver_uuids: JSON.stringify(batch),
          template_object: JSON.stringify(template),
        },
      );
      delivered.push(...(body.successful_receiver_uuids ?? []));
      for (const failure of body.failure_info ?? []) {
        this.logger.warn(
          `KakaoTalk refused ${
            failure.receiver_uuids?.length ?? 0
          } receivers: ${failure.code} ${failure.msg}`,
        );
      }
    }
    return delivered;
  }

  /** Sends to the sending account itself ("send to me"). */
  async sendToMe(template: KakaoTextTemplate): Promise<void> {
    await this.call('/v2/api/talk/memo/default/send', {
      template_object: JSON.stringify(template),
    });
  }

  private async call(path: string, form: Record<string, string>) {
    if (Date.now() < this.quotaPausedUntil) {
      throw new KakaoQuotaExceededError(
        `KakaoTalk quota spent; paused until ${new Date(
          this.quotaPausedUntil,
        ).toISOString()}`,
      );
    }
    let refreshedAfter401 = false;
    return withRetry(
      async () => {
        const token = await this.getAccessToken();
        const response = await fetch(`${this.options.apiBaseUrl}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
          },
          body: new URLSearchParams(form),
        });
        if (response.ok) {
          return response.json();
        }
        const text = await response.clone().text();
        const code = safeCode(text);
        if (response.status === 401 && code === -401 && !refreshedAfter401) {
          // Expired or revoked early: refresh once and try again straight away.
          refreshedAfter401 = true;
          this.accessToken = undefined;
          throw new DeliveryError('KakaoTalk access token refused', {
            retryable: true,
            retryAfterMs: 0,
            status: 401,
          });
        }
        if (code !== undefined && QUOTA_CODES.has(code)) {
          // Kakao's quotas reset at midnight Korean time.
          this.quotaPausedUntil = DateTime.now()
            .setZone('Asia/Seoul')
            .plus({ days: 1 })
            .startOf('day')
            .toMillis();
          throw new KakaoQuotaExceededError(
            `KakaoTalk quota exceeded (${code}): ${text.slice(0, 200)}`,
          );
        }
        throw await deliveryErrorFromResponse(`KakaoTalk ${path}`, response);
      },
      {
        ...this.options.retry,
        onRetry: ({ attempt, delayMs, error }) =>
          this.logger.info(
            `KakaoTalk ${path} attempt ${attempt} failed (${
              error.message
            }); retrying in ${Math.round(delayMs)} ms`,
          ),
      },
    );
  }

  private async getAccessToken(): Promise<string> {
    // Refresh a minute early rather than have a call refused.
    if (this.accessToken && this.accessToken.expiresAt - 60_000 > Date.now()) {
      return this.accessToken.token;
    }
    if (!this.refreshing) {
      this.refreshing = this.refresh().finally(() => {
        this.refreshing = undefined;
      });
    }
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const refreshToken = await this.store.currentRefreshToken(
      this.options.refreshToken,
    );
    const form: Record<string, string> = {
      grant_type: 'refresh_token',
      client_id: this.options.clientId,
      refresh_token: refreshToken,
    };
    if (this.options.clientSecret) {
      form.client_secret = this.options.clientSecret;
    }
    const response = await fetch(`${this.options.authBaseUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
      },
      body: new URLSearchParams(form),
    });
    if (!response.ok) {
      // 4xx (a revoked refresh token, a wrong client secret) is final.
      throw await deliveryErrorFromResponse('Kakao token refresh', response);
    }
    const body = await response.json();
    if (body.refresh_token) {
      await this.store.saveRefreshToken(
        this.options.refreshToken,
        body.refresh_token,
      );
      this.logger.info('Kakao rotated the refresh token; stored the new one');
    }
    this.accessToken = {
      token: body.access_token,
      expiresAt: Date.now() + Number(body.expires_in ?? 0) * 1000,
    };
    return body.access_token;
  }
}

function safeCode(text: string): number | undefined {
  try {
    const code = JSON.parse(text).code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}
