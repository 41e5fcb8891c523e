import { oneWinsOneRefused } from '@internal/backend-test-utils';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { DatabaseEnvironmentStore } from './DatabaseEnvironmentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });
const migrationsDir = resolvePackagePath(
  '@internal/plugin-environments-backend',
  'migrations',
);

const T0 = new Date('2026-12-03T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const MINSU = 'user:default/minsu.park';

describe.each(databases.eachSupportedId())(
  'DatabaseEnvironmentStore on %p',
  databaseId => {
    async function store() {
      const knex = await databases.init(databaseId);
      return {
        knex,
        store: await DatabaseEnvironmentStore.create(
          mockServices.database.mock({ getClient: async () => knex }),
        ),
      };
    }

    it('records a create run from requested to ready, and a destroy after it, newest first', async () => {
      const { store: s } = await store();
      const create = await s.startRun({
        environment: 'dev-a',
        operation: 'create',
        requestedBy: MINSU,
        requestedAt: at(0),
        state: 'provisioning',
        gitCommit: 'a'.repeat(40),
      });
      await s.setBuild(create.id, {
        number: 7,
        url: 'http://jenkins/job/env/7/',
      });
      expect((await s.get('dev-a'))?.state).toBe('provisioning');
      await s.finishRun(create.id, {
        result: 'SUCCESS',
        finishedAt: at(12),
        state: 'ready',
        by: MINSU,
      });
      const destroy = await s.startRun({
        environment: 'dev-a',
        operation: 'destroy',
        requestedBy: 'expiry',
        requestedAt: at(60),
        state: 'destroying',
      });
      await s.finishRun(destroy.id, {
        result: 'SUCCESS',
        finishedAt: at(70),
        state: 'destroyed',
        by: 'expiry',
      });

      expect(await s.get('dev-a')).toEqual({
        state: 'destroyed',
        updatedAt: at(70).toISOString(),
        runs: [
          {
            id: destroy.id,
            operation: 'destroy',
            requestedBy: 'expiry',
            requestedAt: at(60).toISOString(),
            result: 'SUCCESS',
            finishedAt: at(70).toISOString(),
          },
          {
            id: create.id,
            operation: 'create',
            requestedBy: MINSU,
            requestedAt: at(0).toISOString(),
            build: { number: 7, url: 'http://jenkins/job/env/7/' },
            result: 'SUCCESS',
            gitCommit: 'a'.repeat(40),
            finishedAt: at(12).toISOString(),
          },
        ],
      });
      expect(await s.get('dev-b')).toEqual({ runs: [] });
    });

    it('opens one run when two requests for the same environment come at once', async () => {
      const { store: s, knex } = await store();
      const ask = (by: string) =>
        s.startRun({
          environment: 'dev-a',
          operation: 'update',
          requestedBy: by,
          requestedAt: at(0),
          state: 'updating',
        });
      const { value: open, reason } = await oneWinsOneRefused([
        ask(MINSU),
        ask('user:default/sora.lee'),
      ]);
      expect(reason).toBeInstanceOf(ConflictError);
      expect(await knex('environments_runs').count({ n: '*' })).toEqual([
        { n: 1 },
      ]);

      // Once it has finished, the next run may start; other environments never wait.
      await s.startRun({
        environment: 'dev-b',
        operation: 'create',
        requestedBy: MINSU,
        requestedAt: at(1),
      });
      await s.finishRun(open.id, {
        result: 'SUCCESS',
        finishedAt: at(5),
        state: 'ready',
        by: MINSU,
      });
      await expect(ask(MINSU)).resolves.toEqual({ id: expect.any(Number) });
    });

    it('refuses a state the environment cannot go to, and keeps no run of it', async () => {
      const { store: s, knex } = await store();
      const run = await s.startRun({
        environment: 'dev-a',
        operation: 'create',
        requestedBy: MINSU,
        requestedAt: at(0),
        state: 'provisioning',
      });
      await s.finishRun(run.id, {
        result: 'FAILURE',
        finishedAt: at(3),
        state: 'failed',
        by: MINSU,
      });
      await expect(
        s.startRun({
          environment: 'dev-a',
          operation: 'update',
          requestedBy: MINSU,
          requestedAt: at(4),
          state: 'ready',
        }),
      ).rejects.toBeInstanceOf(InputError);
      expect(await knex('environments_runs').count({ n: '*' })).toEqual([
        { n: 1 },
      ]);
      expect((await s.get('dev-a'))?.state).toBe('failed');
    });

    it('20261203120000_init goes up and down with rows in place', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({ directory: migrationsDir });
      await knex('environments_state').insert({
        name: 'd'.repeat(63),
        state: 'ready',
        updated_at: T0,
        updated_by: MINSU,
      });
      await knex('environments_runs').insert([
        {
          environment: 'dev-a',
          operation: 'create',
          requested_by: MINSU,
          requested_at: T0,
          open_key: null,
          result: 'SUCCESS',
        },
        {
          environment: 'dev-a',
          operation: 'extend',
          requested_by: MINSU,
          requested_at: T0,
          open_key: null,
          result: 'SUCCESS',
        },
        {
          environment: 'dev-a',
          operation: 'update',
          requested_by: MINSU,
          requested_at: T0,
          open_key: 'dev-a',
        },
      ]);
      await expect(
        knex('environments_runs').insert({
          environment: 'dev-a',
          operation: 'destroy',
          requested_by: MINSU,
          requested_at: T0,
          open_key: 'dev-a',
        }),
      ).rejects.toThrow();
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('environments_runs')).toBe(false);
      expect(await knex.schema.hasTable('environments_state')).toBe(false);
    });
  },
);
