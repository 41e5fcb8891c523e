import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migratedModuleDatabase } from '@internal/plugin-alerts-node';

/** A Slack message given up on. */
export interface SlackDeliveryFailure {
  channel: string;
  title: string;
  error: string;
  attempts: number;
  failedAt: Date;
}

/** The module's table in the notifications plugin's database. */
export class SlackStore {
  private readonly db: Knex;

  static async create(database: DatabaseService): Promise<SlackStore> {
    const db = await migratedModuleDatabase(database, {
      packageName: '@internal/plugin-notifications-backend-module-slack-alerts',
      tableName: 'notifications_module_slack_alerts__knex_migrations',
    });
    return new SlackStore(db);
  }

  constructor(db: Knex) {
    this.db = db;
  }

  async recordFailure(failure: SlackDeliveryFailure) {
    await this.db('slack_delivery_failures').insert({
      channel: failure.channel,
      title: failure.title,
      error: failure.error.slice(0, 2000),
      attempts: failure.attempts,
      failed_at: failure.failedAt,
    });
  }

  async listFailures(): Promise<SlackDeliveryFailure[]> {
    const rows = await this.db('slack_delivery_failures').orderBy('id');
    return rows.map(r => ({
      channel: r.channel,
      title: r.title,
      error: r.error,
      attempts: r.attempts,
      failedAt: new Date(r.failed_at),
    }));
  }
}
