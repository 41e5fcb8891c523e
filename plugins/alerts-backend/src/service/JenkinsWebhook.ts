import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
} from '@backstage/errors';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PipelineBuildEvent } from '@internal/plugin-alerts-node';
import { DatabaseAlertsStore } from '../database/DatabaseAlertsStore';

/** Headers of a signed webhook post (see infra/jenkins/notify-portal.sh). */
const SIGNATURE_HEADER = 'x-portal-signature';
const TIMESTAMP_HEADER = 'x-portal-timestamp';
const DELIVERY_HEADER = 'x-portal-delivery';

/**
 * The signature: `sha256=` + hex HMAC-SHA256 with the shared secret over
 * `{timestamp}.{deliveryId}.{raw body}`. Signing the timestamp and delivery
 * id too means neither can be changed to replay an old post.
 */
export function signWebhook(
  secret: string,
  timestamp: string,
  deliveryId: string,
  body: Buffer | string,
): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.${deliveryId}.`);
  hmac.update(body);
  return `sha256=${hmac.digest('hex')}`;
}

const buildSchema = z.object({
  job: z.string().min(1).max(500),
  build: z.number().int().nonnegative(),
  result: z.enum(['SUCCESS', 'FAILURE', 'UNSTABLE', 'ABORTED', 'NOT_BUILT']),
  url: z.string().max(2000).optional(),
  durationMs: z.number().nonnegative().optional(),
  logTail: z.string().max(20000).optional(),
  entityRef: z.string().min(1).optional(),
});

/**
 * Checks a Jenkins build-result post: signed with the shared secret
 * (`alerts.jenkins.webhookSecret`), timestamp within
 * `alerts.jenkins.maxAgeSeconds` (default 300) of now, delivery id never
 * seen before. Unsigned, wrongly signed or stale posts are refused with 401,
 * a repeated delivery id with 409.
 */
export class JenkinsWebhook {
  private readonly secret?: string;
  private readonly maxAgeMs: number;
  private readonly store: DatabaseAlertsStore;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    /** `alerts.jenkins.webhookSecret`; absent: every post is refused. */
    webhookSecret?: string;
    /** How far a post's timestamp may be from now. */
    maxAgeMs: number;
    store: DatabaseAlertsStore;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.secret = options.webhookSecret;
    this.maxAgeMs = options.maxAgeMs;
    this.store = options.store;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  get replayWindowMs() {
    return this.maxAgeMs;
  }

  /** Verifies a post and returns the build event it carries. */
  async verify(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
  ): Promise<Omit<PipelineBuildEvent, 'type'>> {
    if (!this.secret) {
      throw new AuthenticationError(
        'The Jenkins webhook is not configured (alerts.jenkins.webhookSecret)',
      );
    }
    const signature = header(headers, SIGNATURE_HEADER);
    const timestamp = header(headers, TIMESTAMP_HEADER);
    const deliveryId = header(headers, DELIVERY_HEADER);
    if (!signature || !timestamp || !deliveryId) {
      throw new AuthenticationError(
        `Unsigned webhook post: ${SIGNATURE_HEADER}, ${TIMESTAMP_HEADER} and ${DELIVERY_HEADER} headers are required`,
      );
    }
    const expected = Buffer.from(
      signWebhook(this.secret, timestamp, deliveryId, rawBody),
    );
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AuthenticationError('Webhook signature does not match');
    }
    const sentAt = Number(timestamp) * 1000;
    const now = this.now().getTime();
    if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > this.maxAgeMs) {
      throw new AuthenticationError(
        `Webhook timestamp ${timestamp} is more than ${
          this.maxAgeMs / 1000
        } s from the portal's clock; refusing a possible replay`,
      );
    }
    if (!/^[\w.:-]{8,128}$/.test(deliveryId)) {
      throw new InputError(
        `${DELIVERY_HEADER} must be 8 to 128 letters, digits, '.', ':', '_' or '-'`,
      );
    }
    if (!(await this.store.claimDelivery(deliveryId, 'jenkins', this.now()))) {
      throw new ConflictError(
        `Webhook delivery ${deliveryId} was received before; refusing the replay`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new InputError('Webhook body is not JSON');
    }
    const parsed = buildSchema.safeParse(json);
    if (!parsed.success) {
      throw new InputError(`Invalid build result: ${parsed.error.message}`);
    }
    this.logger.info(
      `Jenkins ${parsed.data.job} #${parsed.data.build}: ${parsed.data.result}`,
    );
    return parsed.data;
  }
}

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
