import { LoggerService } from '@backstage/backend-plugin-api';
import {
  deliveryErrorFromResponse,
  DeliveryError,
  RetryOptions,
  withRetry,
} from '@internal/plugin-alerts-node';

/** The chat.postMessage arguments the portal uses. */
export interface SlackMessage {
  channel: string;
  /** Fallback text for notifications and screen readers. */
  text: string;
  blocks?: unknown[];
}

/** Slack errors that retrying cannot fix. */
const PERMANENT = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'missing_scope',
]);

/**
 * Slack Web API `chat.postMessage` over fetch, with retries on 429 (after
 * Retry-After) and 5xx. Slack answers request errors with HTTP 200 and
 * `{ok: false, error}`; those fail at once.
 */
export class SlackClient {
  private readonly apiBaseUrl: string;
  private readonly token: string;
  private readonly retry: RetryOptions;
  private readonly logger: LoggerService;

  constructor(options: {
    apiBaseUrl: string;
    token: string;
    retry: RetryOptions;
    logger: LoggerService;
  }) {
    this.apiBaseUrl = options.apiBaseUrl.replace(/\/$/, '');
    this.token = options.token;
    this.retry = options.retry;
    this.logger = options.logger;
  }

  /** Posts one message; resolves with its `ts`. */
  async postMessage(message: SlackMessage): Promise<string> {
    return withRetry(
      async () => {
        const response = await fetch(`${this.apiBaseUrl}/chat.postMessage`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.token}`,
            'content-type': 'application/json; charset=utf-8',
          },
          body: JSON.stringify(message),
        });
        if (!response.ok) {
          throw await deliveryErrorFromResponse(
            'Slack chat.postMessage',
            response,
          );
        }
        const body = await response.json();
        if (!body.ok) {
          throw new DeliveryError(`Slack chat.postMessage: ${body.error}`, {
            retryable: !PERMANENT.has(body.error),
            status: response.status,
          });
        }
        return body.ts as string;
      },
      {
        ...this.retry,
        onRetry: ({ attempt, delayMs, error }) =>
          this.logger.info(
            `Slack attempt ${attempt} failed (${
              error.message
            }); retrying in ${Math.round(delayMs)} ms`,
          ),
      },
    );
  }
}
