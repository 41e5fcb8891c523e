import { DatabaseService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { migratedModuleDatabase } from '@internal/plugin-alerts-node';

/** A KakaoTalk message given up on. */
export interface KakaoTalkDeliveryFailure {
  receivers: string[] | 'me';
  title: string;
  error: string;
  attempts: number;
  failedAt: Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The module's tables in the notifications plugin's database: the current
 * refresh token and the deliveries given up on.
 */
export class KakaoTalkStore {
  private readonly db: Knex;

  static async create(database: DatabaseService): Promise<KakaoTalkStore> {
    const db = await migratedModuleDatabase(database, {
      packageName: '@internal/plugin-notifications-backend-module-kakaotalk',
      tableName: 'notifications_module_kakaotalk__knex_migrations',
    });
    return new KakaoTalkStore(db);
  }

  constructor(db: Knex) {
    this.db = db;
  }

  /**
   * The refresh token to use: the stored (rotated) one if it descends from
   * the configured one, else the configured one (an operator replaced it).
   */
  async currentRefreshToken(configured: string): Promise<string> {
    const row = await this.db('kakaotalk_tokens')
      .where({ id: 'default' })
      .first();
    if (row && row.seed_hash === sha256(configured)) {
      return row.refresh_token;
    }
    return configured;
  }

  async saveRefreshToken(configured: string, refreshToken: string) {
    await this.db('kakaotalk_tokens')
      .insert({
        id: 'default',
        refresh_token: refreshToken,
        seed_hash: sha256(configured),
        updated_at: new Date(),
      })
      .onConflict('id')
      .merge();
  }

  async recordFailure(failure: KakaoTalkDeliveryFailure) {
    await this.db('kakaotalk_delivery_failures').insert({
      receivers: JSON.stringify(failure.receivers),
      title: failure.title,
      error: failure.error.slice(0, 2000),
      attempts: failure.attempts,
      failed_at: failure.failedAt,
    });
  }

  async listFailures(): Promise<KakaoTalkDeliveryFailure[]> {
    const rows = await this.db('kakaotalk_delivery_failures').orderBy('id');
    return rows.map(r => ({
      receivers: JSON.parse(r.receivers),
      title: r.title,
      error: r.error,
      attempts: r.attempts,
      failedAt: new Date(r.failed_at),
    }));
  }
}
