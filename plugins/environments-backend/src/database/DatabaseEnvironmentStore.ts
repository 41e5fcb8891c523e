import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  canTransition,
  type EnvironmentOperation,
  type EnvironmentRun,
  type EnvironmentState,
} from '@internal/plugin-environments-common';
import type { Knex } from 'knex';
import type {
  EnvironmentStore,
  RecordedEnvironment,
  RunEnd,
  RunRequest,
} from './EnvironmentStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-environments-backend',
  'migrations',
);

/** Runs shown with an environment, newest first. */
const RUNS_SHOWN = 50;

/** True for a unique-key violation on any of the supported databases. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || // PostgreSQL
    e?.code === 'ER_DUP_ENTRY' || // MySQL / MariaDB
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/** SQLite gives timestamps back as numbers or strings, MySQL as Dates. */
const iso = (value: unknown) => new Date(value as string).toISOString();

type RunRow = {
  id: number;
  operation: string;
  requested_by: string;
  requested_at: unknown;
  build_number: number | null;
  build_url: string | null;
  result: string | null;
  git_commit: string | null;
  finished_at: unknown;
};

function toRun(row: RunRow): EnvironmentRun {
  return {
    id: Number(row.id),
    operation: row.operation as EnvironmentOperation,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at),
    ...(row.build_number !== null && row.build_url
      ? { build: { number: Number(row.build_number), url: row.build_url } }
      : {}),
    ...(row.result ? { result: row.result } : {}),
    ...(row.git_commit ? { gitCommit: row.git_commit } : {}),
    ...(row.finished_at ? { finishedAt: iso(row.finished_at) } : {}),
  };
}

/** States and runs in the environments plugin's database (SQLite, MySQL/MariaDB, PostgreSQL). */
export class DatabaseEnvironmentStore implements EnvironmentStore {
  private readonly db: Knex;

  static async create(
    database: DatabaseService,
  ): Promise<DatabaseEnvironmentStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseEnvironmentStore(db);
  }

  constructor(db: Knex) {
    this.db = db;
  }

  async get(name: string): Promise<RecordedEnvironment> {
    const state = await this.db('environments_state').where({ name }).first();
    const runs: RunRow[] = await this.db('environments_runs')
      .where({ environment: name })
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(RUNS_SHOWN);
    return {
      ...(state
        ? { state: state.state, updatedAt: iso(state.updated_at) }
        : {}),
      runs: runs.map(toRun),
    };
  }

  async startRun(request: RunRequest): Promise<{ id: number }> {
    try {
      return await this.db.transaction(async tx => {
        const row = {
          environment: request.environment,
          operation: request.operation,
          requested_by: request.requestedBy,
          requested_at: request.requestedAt,
          git_commit: request.gitCommit ?? null,
          open_key: request.environment,
        };
        // PostgreSQL gives the id only when asked; SQLite and MySQL give it anyway (and warn when asked).
        const [id] =
          this.db.client.config.client === 'pg'
            ? await tx('environments_runs').insert(row, ['id'])
            : await tx('environments_runs').insert(row);
        if (request.state) {
          await this.moveState(
            tx,
            request.environment,
            request.state,
            request.requestedBy,
            request.requestedAt,
          );
        }
        return { id: Number(typeof id === 'object' ? id.id : id) };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Environment ${request.environment} has a pipeline run going already; try again when it has finished`,
        );
      }
      throw error;
    }
  }

  async setBuild(
    id: number,
    build: { number: number; url: string },
  ): Promise<void> {
    const updated = await this.db('environments_runs')
      .where({ id })
      .update({ build_number: build.number, build_url: build.url });
    if (!updated) throw new NotFoundError(`No pipeline run ${id}`);
  }

  async finishRun(id: number, end: RunEnd): Promise<void> {
    await this.db.transaction(async tx => {
      const run = await tx('environments_runs').where({ id }).first();
      if (!run) throw new NotFoundError(`No pipeline run ${id}`);
      await tx('environments_runs')
        .where({ id })
        .update({
          result: end.result,
          finished_at: end.finishedAt,
          open_key: null,
          ...(end.gitCommit ? { git_commit: end.gitCommit } : {}),
        });
      if (end.state) {
        await this.moveState(
          tx,
          run.environment,
          end.state,
          end.by,
          end.finishedAt,
        );
      }
    });
  }

  private async moveState(
    tx: Knex.Transaction,
    name: string,
    to: EnvironmentState,
    by: string,
    at: Date,
  ) {
    const current = await tx('environments_state').where({ name }).first();
    if (!canTransition(current?.state, to)) {
      throw new InputError(
        `Environment ${name} cannot go from ${current.state} to ${to}`,
      );
    }
    await tx('environments_state')
      .insert({ name, state: to, updated_at: at, updated_by: by })
      .onConflict('name')
      .merge(['state', 'updated_at', 'updated_by']);
  }
}
