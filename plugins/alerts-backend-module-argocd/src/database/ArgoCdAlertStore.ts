import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migratedModuleDatabase } from '@internal/plugin-alerts-node';

/** What the module remembers about one application of one instance. */
export interface ApplicationAlertState {
  instance: string;
  application: string;
  healthStatus: string;
  degradedSince?: Date;
  degradedAlertId?: string;
  syncFailedAlertId?: string;
}

const TABLE = 'argocd_application_alerts';

/** The module's table, in the alerts plugin's database. */
export class ArgoCdAlertStore {
  private readonly db: Knex;

  static async create(database: DatabaseService): Promise<ArgoCdAlertStore> {
    const db = await migratedModuleDatabase(database, {
      packageName: '@internal/plugin-alerts-backend-module-argocd',
      tableName: 'alerts_module_argocd__knex_migrations',
    });
    return new ArgoCdAlertStore(db);
  }

  constructor(db: Knex) {
    this.db = db;
  }

  async list(instance: string): Promise<Map<string, ApplicationAlertState>> {
    const rows = await this.db(TABLE).where({ instance });
    return new Map(rows.map(r => [r.application, toState(r)]));
  }

  /**
   * Records the application's health now, and returns since when it has
   * been Degraded (undefined when it is not). The first poll to see a
   * degradation sets the time; later polls, and a concurrent poll of
   * another replica, read that same time back, so they raise the same id.
   */
  async recordHealth(options: {
    instance: string;
    application: string;
    healthStatus: string;
    now: Date;
  }): Promise<Date | undefined> {
    const { instance, application, healthStatus, now } = options;
    const degraded = healthStatus === 'Degraded';
    const key = { instance, application };
    await this.db(TABLE)
      .insert({
        ...key,
        health_status: healthStatus,
        degraded_since: degraded ? now : null,
        updated_at: now,
      })
      .onConflict(['instance', 'application'])
      .ignore();
    if (degraded) {
      // Only a row that was not Degraded starts a new degradation.
      await this.db(TABLE)
        .where(key)
        .whereNot({ health_status: 'Degraded' })
        .update({
          health_status: healthStatus,
          degraded_since: now,
          degraded_alert_id: null,
          updated_at: now,
        });
    } else {
      await this.db(TABLE)
        .where(key)
        .whereNot({ health_status: healthStatus })
        .update({
          health_status: healthStatus,
          degraded_since: null,
          degraded_alert_id: null,
          updated_at: now,
        });
    }
    const row = await this.db(TABLE).where(key).first();
    return row?.degraded_since ? new Date(row.degraded_since) : undefined;
  }

  async markRaised(
    instance: string,
    application: string,
    alert: { degradedAlertId: string } | { syncFailedAlertId: string },
  ) {
    await this.db(TABLE)
      .where({ instance, application })
      .update(
        'degradedAlertId' in alert
          ? { degraded_alert_id: alert.degradedAlertId }
          : { sync_failed_alert_id: alert.syncFailedAlertId },
      );
  }

  /** Forgets applications the instance no longer has. */
  async forgetOthers(instance: string, applications: string[]) {
    await this.db(TABLE)
      .where({ instance })
      .whereNotIn('application', applications)
      .delete();
  }
}

function toState(row: any): ApplicationAlertState {
  return {
    instance: row.instance,
    application: row.application,
    healthStatus: row.health_status,
    degradedSince: row.degraded_since
      ? new Date(row.degraded_since)
      : undefined,
    degradedAlertId: row.degraded_alert_id ?? undefined,
    syncFailedAlertId: row.sync_failed_alert_id ?? undefined,
  };
}
