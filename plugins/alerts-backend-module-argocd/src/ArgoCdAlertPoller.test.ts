/*
 * The poller against the sandbox's Argo CD stand-in over HTTP (real fetch,
 * real session login) and its table on real databases. The alerts service
 * is a recorder that deduplicates by id, as the alerts backend does.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AlertEvent, AlertsService } from '@internal/plugin-alerts-node';
import {
  ARGOCD_CREDENTIALS,
  createArgoCdServer,
} from '@internal/sandbox/argocd';
import {
  exampleInstances,
  type ArgoInstanceData,
} from '@internal/sandbox/argocd';
import { vendorCaseApplications } from '@internal/sandbox/argocd';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArgoCdAlertPoller } from './ArgoCdAlertPoller';
import {
  ArgoCdClient,
  ArgoCdInstance,
  readArgoCdInstances,
} from './ArgoCdClient';
import { ArgoCdAlertStore } from './database/ArgoCdAlertStore';

jest.setTimeout(60_000);

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'group:default/developers' },
});

const entities = [
  component('shop-backend', { 'argocd/app-name': 'shop-backend' }),
  component('shop-web', {
    'argocd/app-selector': 'backstage.io/kubernetes-id=shop-web',
  }),
];

/** Records raises; a repeated id is a duplicate, as in the alerts backend. */
class RecordingAlerts implements AlertsService {
  readonly events: AlertEvent[] = [];
  calls = 0;
  failNext = 0;
  async raise(event: AlertEvent) {
    this.calls += 1;
    if (this.failNext > 0) {
      this.failNext -= 1;
      return { id: event.id!, status: 'failed' as const };
    }
    if (this.events.some(e => e.id === event.id)) {
      return { id: event.id!, status: 'duplicate' as const };
    }
    this.events.push(event);
    return { id: event.id!, status: 'sent' as const };
  }
}

describe('ArgoCdAlertPoller', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'MYSQL_8'] });
  let server: Server;
  let base: string;
  let data: Record<string, ArgoInstanceData>;

  beforeEach(async () => {
    data = exampleInstances();
    server = createArgoCdServer(data);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>(r => server.close(() => r())));

  const instance = (name: string): ArgoCdInstance => ({
    name,
    url: `${base}/${name}`,
    ...ARGOCD_CREDENTIALS[name],
  });
  const app = (env: string, name: string) =>
    data[env].applications.find(a => a.metadata.name === name)!;

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function setUp(
      instances: ArgoCdInstance[] = [instance('dev-a'), instance('prod')],
      catalogEntities: Entity[] = entities,
    ) {
      const knex = await databases.init(databaseId);
      const database = mockServices.database.mock({
        getClient: async () => knex,
      });
      const alerts = new RecordingAlerts();
      const logger = mockServices.logger.mock();
      let now = new Date('2026-11-25T10:00:00Z');
      const replica = async () =>
        new ArgoCdAlertPoller({
          clients: instances.map(i => new ArgoCdClient(i)),
          store: await ArgoCdAlertStore.create(database),
          alerts,
          catalog: catalogServiceMock({ entities: catalogEntities }),
          auth: mockServices.auth(),
          logger,
          now: () => now,
        });
      return {
        poller: await replica(),
        replica,
        alerts,
        logger,
        advance: (minutes: number) => {
          now = new Date(now.getTime() + minutes * 60_000);
        },
      };
    }

    it('raises a failed sync and a degradation once, for the owners of the component', async () => {
      const { poller, replica, alerts } = await setUp();
      const shopBackend = app('dev-a', 'shop-backend');
      const operation = shopBackend.status.operationState as any;

      const first = await poller.poll();
      expect(first.instances).toEqual([
        { name: 'dev-a', applications: 2 },
        { name: 'prod', applications: 2 },
      ]);
      expect(alerts.events).toEqual([
        {
          id: `deployment.sync-failed:dev-a/shop-backend@${operation.startedAt}:${operation.operation.sync.revision}`,
          type: 'deployment.sync-failed',
          application: 'shop-backend',
          environment: 'dev-a',
          entityRef: 'component:default/shop-backend',
          link: '/catalog/default/component/shop-backend',
          revision: operation.operation.sync.revision,
          message: expect.stringMatching(/PostSync hook Job .* failed/),
        },
        {
          id: 'deployment.degraded:dev-a/shop-backend@2026-11-25T10:00:00.000Z',
          type: 'deployment.degraded',
          application: 'shop-backend',
          environment: 'dev-a',
          entityRef: 'component:default/shop-backend',
          link: '/catalog/default/component/shop-backend',
          revision: shopBackend.status.sync.revision,
          message: 'Deployment "shop-backend" exceeded its progress deadline',
        },
      ]);

      // Polled again, and by a second replica on the same database: nothing new.
      await poller.poll();
      await (await replica()).poll();
      expect(alerts.calls).toBe(2);
      expect(alerts.events).toHaveLength(2);
    });

    it('raises a degradation again after the application recovered and degraded anew', async () => {
      const { poller, alerts, advance } = await setUp([instance('prod')]);
      const web = app('prod', 'shop-web');

      await poller.poll();
      expect(alerts.events).toEqual([]);

      web.status.health = { status: 'Degraded', message: 'probe failed' };
      advance(2);
      await poller.poll();
      advance(2);
      await poller.poll(); // still the same degradation
      web.status.health = { status: 'Healthy' };
      advance(2);
      await poller.poll();
      web.status.health = { status: 'Degraded', message: 'probe failed again' };
      advance(2);
      await poller.poll();

      expect(
        alerts.events.map(e => [e.id, e.entityRef, (e as any).message]),
      ).toEqual([
        [
          'deployment.degraded:prod/shop-web@2026-11-25T10:02:00.000Z',
          // matched by the component's argocd/app-selector labels
          'component:default/shop-web',
          'probe failed',
        ],
        [
          'deployment.degraded:prod/shop-web@2026-11-25T10:08:00.000Z',
          'component:default/shop-web',
          'probe failed again',
        ],
      ]);
    });

    it('raises each new failed sync attempt of an application', async () => {
      const { poller, alerts } = await setUp([instance('prod')]);
      const backend = app('prod', 'shop-backend');
      const failed = (startedAt: string, phase = 'Failed') => {
        backend.status.operationState = {
          ...backend.status.operationState,
          phase,
          message: `sync attempt at ${startedAt} failed`,
          startedAt,
        };
      };

      failed('2026-11-25T09:00:00Z');
      await poller.poll();
      await poller.poll();
      failed('2026-11-25T09:05:00Z', 'Error');
      await poller.poll();
      backend.status.operationState = {
        ...backend.status.operationState,
        phase: 'Succeeded',
        startedAt: '2026-11-25T09:10:00Z',
      };
      await poller.poll();

      expect(alerts.events.map(e => e.id)).toEqual([
        expect.stringMatching(
          /^deployment\.sync-failed:prod\/shop-backend@2026-11-25T09:00:00Z:[0-9a-f]{40}$/,
        ),
        expect.stringMatching(
          /^deployment\.sync-failed:prod\/shop-backend@2026-11-25T09:05:00Z:[0-9a-f]{40}$/,
        ),
      ]);
    });

    it('alerts on an application no component claims without an entity, linking to Argo CD', async () => {
      const { poller, alerts } = await setUp([instance('prod')]);
      const orphan = structuredClone(app('prod', 'shop-web'));
      orphan.metadata.name = 'legacy-batch';
      orphan.metadata.labels = { 'app.kubernetes.io/part-of': 'legacy' };
      orphan.status.health = { status: 'Degraded' };
      data.prod.applications.push(orphan);

      await poller.poll();
      expect(alerts.events).toEqual([
        expect.objectContaining({
          type: 'deployment.degraded',
          application: 'legacy-batch',
          entityRef: undefined,
          link: `${base}/prod/applications/legacy-batch`,
        }),
      ]);
    });

    it('skips an instance that is down or refuses the credentials, and polls the others', async () => {
      const { poller, alerts, logger } = await setUp([
        { ...instance('prod'), password: 'wrong' },
        instance('dev-a'),
      ]);
      const refused = await poller.poll();
      expect(refused.instances).toEqual([
        {
          name: 'prod',
          applications: 0,
          error: expect.stringMatching(/401/),
        },
        { name: 'dev-a', applications: 2 },
      ]);
      expect(alerts.events.map(e => e.type)).toEqual([
        'deployment.sync-failed',
        'deployment.degraded',
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/^Argo CD instance prod \(.+\) skipped: .*401/),
      );

      await fetch(`${base}/_sandbox/outage/dev-a`, { method: 'POST' });
      const down = await poller.poll();
      expect(down.instances).toEqual([
        expect.objectContaining({ name: 'prod', error: expect.any(String) }),
        expect.objectContaining({ name: 'dev-a', error: expect.any(String) }),
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/^Argo CD instance dev-a \(.+\) skipped/),
      );
      // Back up: what it already raised is not raised again.
      await fetch(`${base}/_sandbox/outage/dev-a`, { method: 'DELETE' });
      await poller.poll();
      expect(alerts.events).toHaveLength(2);
    });

    it('raises again next poll when the alerts backend could not take it', async () => {
      const { poller, alerts } = await setUp([instance('dev-a')]);
      alerts.failNext = 2;
      await poller.poll();
      expect(alerts.events).toEqual([]);
      await poller.poll();
      expect(alerts.events.map(e => e.type)).toEqual([
        'deployment.sync-failed',
        'deployment.degraded',
      ]);
      expect(alerts.calls).toBe(4);
    });

    it('keeps the revisions of a multi-source application in the alert and its id', async () => {
      data['dev-a'] = vendorCaseApplications({
        now: () => new Date('2026-11-25T10:00:00Z'),
      });
      const orders = app('dev-a', 'orders');
      const operation = orders.status.operationState as any;
      const revisions: string[] = operation.operation.sync.revisions;
      const { poller, alerts } = await setUp([instance('dev-a')]);

      await poller.poll();
      const failed = alerts.events.filter(
        e => e.type === 'deployment.sync-failed',
      );
      expect(failed).toEqual([
        expect.objectContaining({
          id: `deployment.sync-failed:dev-a/orders@${
            operation.startedAt
          }:${revisions.join(',')}`,
          application: 'orders',
          revision: revisions.join(','),
        }),
      ]);
      expect(revisions).toHaveLength(2);
      expect(revisions.every(r => r.length > 0)).toBe(true);
    });

    it('names an application of another namespace namespace/name, owned by the component of that namespace', async () => {
      data['dev-a'] = vendorCaseApplications({
        now: () => new Date('2026-11-25T10:00:00Z'),
      });
      const ledger = app('dev-a', 'ledger');
      ledger.status.health = { status: 'Degraded', message: 'probe failed' };
      // The same name in Argo CD's own namespace belongs to someone else.
      const twin = structuredClone(ledger);
      twin.metadata.namespace = 'argocd';
      twin.status.health = { status: 'Degraded', message: 'other ledger' };
      data['dev-a'].applications.push(twin);
      const { poller, alerts } = await setUp(
        [instance('dev-a')],
        [
          ...entities,
          component('ledger', {
            'argocd/app-name': 'ledger',
            'argocd/app-namespace': 'team-payments',
          }),
          component('old-ledger', { 'argocd/app-name': 'ledger' }),
        ],
      );

      await poller.poll();
      const degraded = alerts.events
        .filter(e => e.type === 'deployment.degraded')
        .map(e => [e.id, (e as any).application, e.entityRef, e.link]);
      expect(degraded).toEqual([
        [
          'deployment.degraded:dev-a/team-payments/ledger@2026-11-25T10:00:00.000Z',
          'team-payments/ledger',
          'component:default/ledger',
          '/catalog/default/component/ledger',
        ],
        [
          'deployment.degraded:dev-a/ledger@2026-11-25T10:00:00.000Z',
          'ledger',
          'component:default/old-ledger',
          '/catalog/default/component/old-ledger',
        ],
      ]);
    });

    it('links an unclaimed application of another namespace to its Argo CD page', async () => {
      data['dev-a'] = vendorCaseApplications({
        now: () => new Date('2026-11-25T10:00:00Z'),
      });
      app('dev-a', 'ledger').status.health = { status: 'Degraded' };
      const { poller, alerts } = await setUp([instance('dev-a')]);
      await poller.poll();
      expect(
        alerts.events.find(
          e => (e as any).application === 'team-payments/ledger',
        ),
      ).toMatchObject({
        entityRef: undefined,
        link: `${base}/dev-a/applications/team-payments/ledger`,
      });
      const page = await fetch(
        `${base}/dev-a/applications/team-payments/ledger`,
      );
      expect(page.status).toBe(200);
    });

    it('uses a configured token instead of logging in', async () => {
      const login = await fetch(`${base}/dev-a/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ARGOCD_CREDENTIALS['dev-a']),
      });
      const { token } = await login.json();
      const { poller, alerts } = await setUp([
        { name: 'dev-a', url: `${base}/dev-a`, token },
      ]);
      await poller.poll();
      expect(alerts.events).toHaveLength(2);
    });
  });
});

describe('readArgoCdInstances', () => {
  it('reads the Argo CD plugin instances, with the global credentials as fallback', () => {
    const config = new ConfigReader({
      argocd: {
        username: 'portal',
        password: 'global-secret',
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              { name: 'dev-a', url: 'https://argocd.dev-a.example/' },
              {
                name: 'prod',
                url: 'https://argocd.example',
                token: 'api-token',
              },
            ],
          },
        ],
      },
    });
    expect(readArgoCdInstances(config)).toEqual([
      {
        name: 'dev-a',
        url: 'https://argocd.dev-a.example',
        username: 'portal',
        password: 'global-secret',
        token: undefined,
      },
      {
        name: 'prod',
        url: 'https://argocd.example',
        token: 'api-token',
        username: 'portal',
        password: 'global-secret',
      },
    ]);
  });

  it('refuses an instance without credentials', () => {
    const config = new ConfigReader({
      argocd: {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [{ name: 'dev-a', url: 'https://argocd.example' }],
          },
        ],
      },
    });
    expect(() => readArgoCdInstances(config)).toThrow(
      'Argo CD instance dev-a has neither a token nor a username and password',
    );
  });

  it('reads no instances when none are configured', () => {
    expect(readArgoCdInstances(new ConfigReader({}))).toEqual([]);
  });
});
