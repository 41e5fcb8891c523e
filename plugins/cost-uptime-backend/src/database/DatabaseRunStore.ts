import type { Knex } from 'knex';
import type { RunWarning } from '@internal/plugin-cost-uptime-common';
import type { RunStore, RunRecord } from './CostStore';

type RunRow = {
  id: number;
  trigger: RunRecord['trigger'];
  status: RunRecord['status'];
  started_at: string;
  finished_at: string | null;
  error: string | null;
  warnings: string | null;
  rows_written: number;
  cost_explorer_requests: number;
  prometheus_requests: number;
};

function toRun(row: RunRow): RunRecord {
  return {
    id: Number(row.id),
    trigger: row.trigger,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    warnings: row.warnings ? (JSON.parse(row.warnings) as RunWarning[]) : [],
    rowsWritten: Number(row.rows_written),
    costExplorerRequests: Number(row.cost_explorer_requests),
    prometheusRequests: Number(row.prometheus_requests),
  };
}

/** RunStore on the plugin's database (table `collection_runs`). */
export class DatabaseRunStore implements RunStore {
  constructor(
    private readonly db: Knex,
    /** MySQL answers the insert id without RETURNING. */
    private readonly mysql: boolean,
  ) {}

  async startRun(trigger: RunRecord['trigger'], startedAt: string) {
    const row = { trigger, status: 'running', started_at: startedAt };
    // MySQL answers the insert id without RETURNING (and warns about it).
    const [id] = this.mysql
      ? await this.db('collection_runs').insert(row)
      : await this.db('collection_runs').insert(row, ['id']);
    return Number(typeof id === 'object' ? id.id : id);
  }

  async finishRun(id: number, result: Parameters<RunStore['finishRun']>[1]) {
    await this.db('collection_runs')
      .where({ id })
      .update({
        status: result.status,
        finished_at: result.finishedAt,
        // Some errors quote a whole SQL statement: keep the start.
        error: result.error ? result.error.slice(0, 4000) : null,
        warnings: result.warnings.length
          ? JSON.stringify(
              result.warnings.map(w => ({
                ...w,
                message: w.message.slice(0, 2000),
              })),
            )
          : null,
        rows_written: result.rowsWritten,
        cost_explorer_requests: result.costExplorerRequests,
        prometheus_requests: result.prometheusRequests,
      });
  }

  async listRuns(limit: number) {
    const rows = await this.db<RunRow>('collection_runs')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toRun);
  }

  async getRun(id: number) {
    const row = await this.db<RunRow>('collection_runs').where({ id }).first();
    return row ? toRun(row) : undefined;
  }
}
