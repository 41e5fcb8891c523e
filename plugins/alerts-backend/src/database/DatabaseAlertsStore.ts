import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { AlertEvent } from '@internal/plugin-alerts-node';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-alerts-backend',
  'migrations',
);

export type AlertStatus =
  | 'pending'
  | 'sent'
  | 'grouped'
  | 'digested'
  | 'failed';

/** A stored alert event. */
export interface StoredAlert {
  key: string;
  eventId: string;
  burstKey: string;
  status: AlertStatus;
  event: AlertEvent;
  error?: string;
  createdAt: Date;
  sentAt?: Date;
}

/** True for a unique-key violation on any of the supported databases. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string };
  return (
    e?.code === '23505' || // PostgreSQL
    e?.code === 'ER_DUP_ENTRY' || // MySQL / MariaDB
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

export const keyOf = (eventId: string) =>
  createHash('sha256').update(eventId).digest('hex');

/**
 * The alerts plugin's tables: events (deduplicated by key) and webhook
 * delivery ids (replay protection).
 */
export class DatabaseAlertsStore {
  private readonly db: Knex;

  static async create(database: DatabaseService): Promise<DatabaseAlertsStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAlertsStore(db);
  }

  constructor(db: Knex) {
    this.db = db;
  }

  /**
   * Records a new event as pending; false when an event with this id was
   * recorded before (by this or any other replica).
   */
  async claim(options: {
    eventId: string;
    burstKey: string;
    event: AlertEvent;
    now: Date;
  }): Promise<boolean> {
    try {
      await this.db('alerts_events').insert({
        key: keyOf(options.eventId),
        event_id: options.eventId,
        type: options.event.type,
        burst_key: options.burstKey,
        status: 'pending',
        event: JSON.stringify(options.event),
        created_at: options.now,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** When the last alert of this burst went out (sent or in a digest). */
  async lastSentAt(burstKey: string): Promise<Date | undefined> {
    const row = await this.db('alerts_events')
      .where({ burst_key: burstKey })
      .whereIn('status', ['sent', 'digested'])
      .max({ last: 'sent_at' })
      .first();
    return row?.last ? new Date(row.last) : undefined;
  }

  async setStatus(
    keys: string[],
    status: AlertStatus,
    fields: { sentAt?: Date; error?: string } = {},
  ) {
    if (keys.length === 0) return;
    await this.db('alerts_events')
      .whereIn('key', keys)
      .update({
        status,
        ...(fields.sentAt ? { sent_at: fields.sentAt } : {}),
        ...(fields.error !== undefined ? { error: fields.error } : {}),
      });
  }

  /** Burst keys with grouped events waiting. */
  async groupedBurstKeys(): Promise<string[]> {
    const rows = await this.db('alerts_events')
      .where({ status: 'grouped' })
      .distinct('burst_key');
    return rows.map(r => r.burst_key);
  }

  /**
   * Takes the grouped events of a burst for a digest, so that only one
   * replica sends it: rows move from grouped to digested in one update, and
   * only the rows this call moved are returned.
   */
  async takeGrouped(burstKey: string, now: Date): Promise<StoredAlert[]> {
    return this.db
      .transaction(async tx => {
        const rows = await tx('alerts_events')
          .where({ burst_key: burstKey, status: 'grouped' })
          .orderBy([{ column: 'created_at' }, { column: 'event_id' }]);
        if (rows.length === 0) return [];
        const keys = rows.map(r => r.key);
        const moved = await tx('alerts_events')
          .whereIn('key', keys)
          .where({ status: 'grouped' })
          .update({ status: 'digested', sent_at: now });
        if (moved !== keys.length) {
          // Another replica took (some of) them: leave the burst to it.
          throw new Error('burst taken concurrently');
        }
        return rows.map(toStored);
      })
      .catch(error => {
        if (String(error).includes('burst taken concurrently')) return [];
        throw error;
      });
  }

  async get(eventId: string): Promise<StoredAlert | undefined> {
    const row = await this.db('alerts_events')
      .where({ key: keyOf(eventId) })
      .first();
    return row ? toStored(row) : undefined;
  }

  async list(): Promise<StoredAlert[]> {
    const rows = await this.db('alerts_events').orderBy('created_at');
    return rows.map(toStored);
  }

  /** Remembers a webhook delivery id; false when it was seen before. */
  async claimDelivery(deliveryId: string, source: string, now: Date) {
    try {
      await this.db('alerts_webhook_deliveries').insert({
        delivery_id: deliveryId,
        source,
        received_at: now,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Forgets delivery ids older than `before` (their timestamps are refused anyway). */
  async pruneDeliveries(before: Date) {
    return this.db('alerts_webhook_deliveries')
      .where('received_at', '<', before)
      .delete();
  }
}

function toStored(row: any): StoredAlert {
  return {
    key: row.key,
    eventId: row.event_id,
    burstKey: row.burst_key,
    status: row.status,
    event: JSON.parse(row.event),
    error: row.error ?? undefined,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at ? new Date(row.sent_at) : undefined,
  };
}
