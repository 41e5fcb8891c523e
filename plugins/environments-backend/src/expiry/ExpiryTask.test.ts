/*
 * The expiry task against a real bare Git repository (the IaC repository),
 * the catalog as the environment provider reads it from there, and the
 * Jenkins stand-in. Alerts go to a recorder that deduplicates by id, as the
 * alerts backend does.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AlertEvent, AlertsService } from '@internal/plugin-alerts-node';
import { DateTime } from 'luxon';
import {
  EnvironmentService,
  IacRepository,
  JenkinsClient,
} from '@internal/plugin-environments-node';
import {
  gitFiles,
  gitLog,
  GOOD_REQUEST,
  platformConfig,
  repoCatalog,
  useIacRemote,
  userInfo,
} from '@internal/plugin-environments-node/testUtils';
import { DatabaseEnvironmentStore } from '../database/DatabaseEnvironmentStore';
import { StoreRunRecorder } from '../database/StoreRunRecorder';
import {
  decideExpiry,
  ExpiryTask,
  NOTIFIED_ANNOTATION,
  storeDestroyRuns,
} from './ExpiryTask';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Records raises; a repeated id is a duplicate, as in the alerts backend. */
class RecordingAlerts implements AlertsService {
  readonly sent: AlertEvent[] = [];
  readonly raised: AlertEvent[] = [];
  async raise(event: AlertEvent) {
    this.raised.push(event);
    if (this.sent.some(e => e.id === event.id)) {
      return { id: event.id!, status: 'duplicate' as const };
    }
    this.sent.push(event);
    return { id: event.id!, status: 'sent' as const };
  }
}

describe('ExpiryTask', () => {
  let service: EnvironmentService;
  let sync: () => Promise<void>;
  let alerts: RecordingAlerts;
  let store: DatabaseEnvironmentStore;
  let recorder: StoreRunRecorder;
  /** A fresh task, as after a backend restart. */
  let task: () => ExpiryTask;

  const T0 = DateTime.fromISO('2026-11-25T09:00:00Z', { zone: 'utc' });
  /** The recorder's clock: when runs start and finish. */
  let clock = T0;

  const remote = useIacRemote();
  beforeEach(async () => {
    const config = platformConfig(remote.bare, remote.jenkins.url);
    const repo = new IacRepository(config.iac);
    const catalog = repoCatalog(repo);
    sync = catalog.sync;
    service = new EnvironmentService({
      repo,
      jenkins: new JenkinsClient(config.jenkins, { pollMs: 10 }),
      catalog: catalog.catalog,
      auth: mockServices.auth(),
      userInfo,
      config,
      logger: mockServices.logger.mock(),
      catalogPollMs: 10,
    });
    alerts = new RecordingAlerts();
    const knex = await databases.init('SQLITE_3');
    store = await DatabaseEnvironmentStore.create(
      mockServices.database.mock({ getClient: async () => knex }),
    );
    clock = T0;
    recorder = new StoreRunRecorder(store, () => clock.toJSDate());
    task = () =>
      new ExpiryTask({
        service,
        alerts,
        logger: mockServices.logger.mock(),
        recorder,
        runs: storeDestroyRuns(store),
      });
  });
  /** Commits an environment as the create template leaves it, and lets the catalog read it. */
  async function environment(
    name: string,
    purpose: string,
    expiresAt: DateTime,
  ) {
    const files = service.render({
      ...GOOD_REQUEST,
      name,
      purpose: purpose as any,
      expiresAt: expiresAt.toISO()!,
    });
    await service.commitFiles(name, files, `Create environment ${name}`);
    await service.setStatus(name, 'ready');
    await sync();
  }

  it('warns the owners 48 hours, 2 hours and 30 minutes before, each once, across runs and restarts', async () => {
    const expiresAt = T0.plus({ hours: 50 });
    await environment('dev-a', 'dev', expiresAt);

    await task().run(T0);
    expect(alerts.raised).toEqual([]);

    const first = expiresAt.minus({ hours: 47 });
    await task().run(first);
    // The catalog has not read the expiry-notified annotation back yet: the
    // next run raises the same id, and the alerts backend drops it.
    await task().run(first.plus({ minutes: 1 }));
    await sync();
    await task().run(first.plus({ minutes: 2 }));

    const second = expiresAt.minus({ minutes: 100 });
    await task().run(second);
    await sync();
    await task().run(second.plus({ minutes: 1 }));

    const third = expiresAt.minus({ minutes: 29 });
    await task().run(third);
    await sync();
    await task().run(third.plus({ minutes: 1 }));

    const expiry = expiresAt.toISO()!;
    const warning = (window: string) => ({
      type: 'environment.expiry',
      id: `environment.expiry:dev-a:${expiry}:${window}`,
      environment: 'dev-a',
      expiresAt: expiry,
      entityRef: 'resource:default/dev-a',
      // The environment page, with its extend dialog open.
      link: '/catalog/default/resource/dev-a?extend=1',
    });
    expect(alerts.sent).toEqual([
      warning('48h'),
      warning('2h'),
      warning('30m'),
    ]);
    expect(alerts.raised.map(e => e.id!.split(':').pop())).toEqual([
      '48h',
      '48h',
      '2h',
      '30m',
    ]);
    expect(gitLog(remote.bare)).toEqual(
      expect.arrayContaining([
        'dev-a: owners told of expiry (48h)',
        'dev-a: owners told of expiry (2h)',
        'dev-a: owners told of expiry (30m)',
      ]),
    );
    expect((await remote.jenkins.builds()).builds).toEqual([]);
  });

  it('destroys an expired non-prod environment through the pipeline and tells its owners', async () => {
    const expiresAt = T0.plus({ hours: 2 });
    await environment('dev-a', 'dev', expiresAt);

    await task().run(expiresAt.plus({ minutes: 1 }));

    const { builds } = await remote.jenkins.builds();
    expect(
      builds.map(b => [b.parameters.ENV_NAME, b.parameters.ACTION, b.result]),
    ).toEqual([['dev-a', 'destroy', 'SUCCESS']]);
    expect(gitFiles(remote.bare)).toEqual([]);
    expect(gitLog(remote.bare)[0]).toBe('Delete expired environment dev-a');
    expect(alerts.sent).toEqual([
      expect.objectContaining({
        type: 'environment.task',
        action: 'delete',
        environment: 'dev-a',
        status: 'completed',
        // to the owners directly: the environment has left the catalog
        entityRef: 'group:default/developers',
      }),
    ]);

    // Its history keeps the destroy run: by the expiry task, with its build.
    const history = await store.get('dev-a');
    expect(history.state).toBe('destroyed');
    expect(history.runs).toEqual([
      expect.objectContaining({
        operation: 'destroy',
        requestedBy: 'expiry',
        result: 'SUCCESS',
        build: {
          number: expect.any(Number),
          url: expect.stringContaining('/job/'),
        },
      }),
    ]);

    // The catalog drops it; nothing more happens.
    await sync();
    await task().run(expiresAt.plus({ minutes: 11 }));
    expect((await remote.jenkins.builds()).builds).toHaveLength(1);
  });

  it('marks the environment failed when the destroy pipeline fails', async () => {
    const expiresAt = T0.plus({ hours: 2 });
    await environment('fail-e', 'test', expiresAt);

    await task().run(expiresAt.plus({ minutes: 1 }));

    expect((await remote.jenkins.builds()).builds.map(b => b.result)).toEqual([
      'FAILURE',
    ]);
    const entity = await service.readFromRepo('fail-e');
    expect(entity?.metadata.annotations?.['platform.acme.io/status']).toBe(
      'failed',
    );
    expect(alerts.sent).toEqual([
      expect.objectContaining({
        type: 'environment.task',
        environment: 'fail-e',
        status: 'failed',
        entityRef: 'group:default/developers',
        link: '/catalog/default/resource/fail-e',
      }),
    ]);
    expect((await store.get('fail-e')).state).toBe('failed');
    // The next run tries the destroy again; its owners are not told twice.
    await sync();
    await task().run(expiresAt.plus({ minutes: 11 }));
    expect((await remote.jenkins.builds()).builds).toHaveLength(2);
    expect((await store.get('fail-e')).runs.map(r => r.result)).toEqual([
      'FAILURE',
      'FAILURE',
    ]);
    expect(alerts.raised).toHaveLength(2);
    expect(alerts.sent).toHaveLength(1);
  });

  it('after failed destroys waits 5 minutes, then 10, before trying again', async () => {
    const expiresAt = T0.plus({ hours: 2 });
    await environment('fail-b', 'test', expiresAt);
    const at = async (minutes: number) => {
      clock = expiresAt.plus({ minutes });
      await sync();
      await task().run(clock);
      return (await remote.jenkins.builds()).builds.length;
    };
    expect(await at(1)).toBe(1);
    // Every minute until 5 minutes after the failure: nothing.
    expect(await at(2)).toBe(1);
    expect(await at(5)).toBe(1);
    expect(await at(6)).toBe(2);
    // Two in a row: 10 minutes.
    expect(await at(15)).toBe(2);
    expect(await at(16)).toBe(3);
    expect((await store.get('fail-b')).runs.map(r => r.result)).toEqual([
      'FAILURE',
      'FAILURE',
      'FAILURE',
    ]);
  });

  it('tells the platform admins once when the destroy cannot start for over an hour', async () => {
    const expiresAt = T0.plus({ hours: 2 });
    await environment('stuck-a', 'dev', expiresAt);
    // Someone's update is going: every destroy attempt is a ConflictError.
    await recorder.start('stuck-a', {
      operation: 'update',
      requestedBy: 'user:default/minsu.park',
      state: 'updating',
    });

    await task().run(expiresAt.plus({ minutes: 1 }));
    await task().run(expiresAt.plus({ minutes: 59 }));
    expect(alerts.raised).toEqual([]);
    await task().run(expiresAt.plus({ minutes: 61 }));
    await task().run(expiresAt.plus({ minutes: 62 }));

    expect(alerts.sent).toEqual([
      {
        type: 'environment.expiry',
        id: `environment.expiry-overdue:stuck-a:${expiresAt.toISO()}`,
        environment: 'stuck-a',
        expiresAt: expiresAt.toISO(),
        overdue: true,
        entityRef: 'group:default/platform-admins',
        link: '/catalog/default/resource/stuck-a',
      },
    ]);
    expect((await remote.jenkins.builds()).builds).toEqual([]);
  });

  it('never warns about or destroys a prod environment', async () => {
    // Prod has no expiry; even one written by hand is ignored.
    const expiresAt = T0.plus({ hours: 2 });
    await environment('prod-a', 'prod', expiresAt);

    await task().run(expiresAt.minus({ minutes: 30 }));
    await task().run(expiresAt.plus({ days: 1 }));

    expect(alerts.raised).toEqual([]);
    expect((await remote.jenkins.builds()).builds).toEqual([]);
    expect(gitFiles(remote.bare)).toContain(
      'environments/prod-a/catalog-info.yaml',
    );
  });

  it('warns again, once, about the new expiry after an extension', async () => {
    const expiresAt = DateTime.utc().plus({ hours: 40 });
    await environment('dev-a', 'dev', expiresAt);
    await task().run(DateTime.utc());
    await sync();
    expect(alerts.sent).toHaveLength(1);

    const { expiresAt: extended } = await service.setExpiry(
      'dev-a',
      await service.findEnvironment('dev-a'),
      2,
    );
    await sync();
    const entity = await service.readFromRepo('dev-a');
    expect(entity?.metadata.annotations?.[NOTIFIED_ANNOTATION]).toBeUndefined();

    const newExpiry = DateTime.fromISO(extended, { zone: 'utc' });
    await task().run(newExpiry.minus({ days: 3 }));
    await task().run(newExpiry.minus({ hours: 47 }));
    await sync();
    await task().run(newExpiry.minus({ hours: 46 }));

    expect(alerts.sent.map(e => e.id)).toEqual([
      `environment.expiry:dev-a:${expiresAt.toISO()}:48h`,
      `environment.expiry:dev-a:${newExpiry.toISO()}:48h`,
    ]);
  });

  it('tries a warning again on the next run when the alerts backend could not take it', async () => {
    const expiresAt = T0.plus({ hours: 10 });
    await environment('dev-a', 'dev', expiresAt);
    const failing: AlertsService = {
      raise: async event => ({ id: event.id!, status: 'failed' }),
    };
    await new ExpiryTask({
      service,
      alerts: failing,
      logger: mockServices.logger.mock(),
      recorder,
    }).run(T0);
    await sync();
    expect(
      (await service.readFromRepo('dev-a'))?.metadata.annotations?.[
        NOTIFIED_ANNOTATION
      ],
    ).toBeUndefined();

    await task().run(T0.plus({ minutes: 10 }));
    expect(alerts.sent.map(e => e.id)).toEqual([
      `environment.expiry:dev-a:${expiresAt.toISO()}:48h`,
    ]);
  });
});

describe('decideExpiry', () => {
  const now = DateTime.fromISO('2026-11-25T09:00:00Z', { zone: 'utc' });
  const env = (annotations: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'dev-a', annotations },
  });
  const at = (hours: number) => now.plus({ hours }).toISO()!;

  it.each([
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': at(49),
      },
      'none',
    ],
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': at(48),
      },
      'notify 48h',
    ],
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': at(20),
        [NOTIFIED_ANNOTATION]: '48h',
      },
      'none',
    ],
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': at(2),
        [NOTIFIED_ANNOTATION]: '48h',
      },
      'notify 2h',
    ],
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': at(0.5),
        [NOTIFIED_ANNOTATION]: '2h',
      },
      'notify 30m',
    ],
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': at(0.5),
        [NOTIFIED_ANNOTATION]: '30m',
      },
      'none',
    ],
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': at(0.25),
      },
      'notify 30m',
    ],
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': at(-1),
      },
      'destroy',
    ],
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': at(-1),
        'platform.acme.io/status': 'destroying',
      },
      'none',
    ],
    [
      {
        'platform.acme.io/purpose': 'prod',
        'platform.acme.io/expires-at': at(-1),
      },
      'none',
    ],
    [
      {
        'platform.acme.io/purpose': 'dev',
        'platform.acme.io/expires-at': 'not a date',
      },
      'none',
    ],
    [{ 'platform.acme.io/purpose': 'dev' }, 'none'],
  ])('%j -> %s', (annotations, expected) => {
    const decision = decideExpiry(env(annotations), now);
    expect(
      [decision.kind, 'window' in decision ? decision.window : undefined]
        .filter(Boolean)
        .join(' '),
    ).toBe(expected);
  });
});
