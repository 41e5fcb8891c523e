/**
 * Bounded retries with exponential backoff for deliveries to outside
 * messaging APIs (Slack, KakaoTalk). A delivery throws `DeliveryError`; only
 * retryable ones (429, 5xx, network errors) are tried again, waiting at least
 * what the server asked for in `Retry-After`.
 */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  /** How many tries were made before giving up (set by `withRetry`). */
  attempts = 1;

  constructor(
    message: string,
    options: { retryable: boolean; retryAfterMs?: number; status?: number },
  ) {
    super(message);
    this.name = 'DeliveryError';
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

export interface RetryOptions {
  /** Tries in all, the first included. Default 4. */
  maxAttempts?: number;
  /** First backoff; doubles each time (with jitter). Default 500 ms. */
  initialDelayMs?: number;
  /** Longest single wait, Retry-After included. Default 60 s. */
  maxDelayMs?: number;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, e.g. to log. */
  onRetry?: (info: { attempt: number; delayMs: number; error: Error }) => void;
}

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** `Retry-After` as seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Turns a non-2xx response into a DeliveryError (429 and 5xx retryable). */
export async function deliveryErrorFromResponse(
  what: string,
  response: Response,
): Promise<DeliveryError> {
  const body = await response.text().catch(() => '');
  return new DeliveryError(
    `${what} answered ${response.status}: ${body.slice(0, 300)}`,
    {
      retryable: response.status === 429 || response.status >= 500,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      status: response.status,
    },
  );
}

/** Runs `fn` until it succeeds, fails for good, or the attempts run out. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 4;
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      const error =
        e instanceof DeliveryError
          ? e
          : // fetch itself failed: connection refused, reset, DNS
            new DeliveryError(String((e as Error)?.message ?? e), {
              retryable: true,
            });
      if (!error.retryable || attempt >= maxAttempts) {
        error.attempts = attempt;
        throw error;
      }
      const backoff = initialDelayMs * 2 ** (attempt - 1);
      const jittered = backoff / 2 + Math.random() * (backoff / 2);
      const delayMs = Math.min(
        maxDelayMs,
        Math.max(jittered, error.retryAfterMs ?? 0),
      );
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
